package dev.envy.core.manifest;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SizesTest {
    @Test
    void decimalUnitsArePowersOfAThousand() {
        assertEquals(Optional.of(Size.ofBytes(512_000)), Sizes.parse("512KB"));
        assertEquals(Optional.of(Size.ofBytes(10_000_000)), Sizes.parse("10MB"));
        assertEquals(Optional.of(Size.ofBytes(1_000_000_000)), Sizes.parse("1GB"));
    }

    @Test
    void binaryUnitsArePowersOf1024() {
        assertEquals(Optional.of(Size.ofBytes(1024)), Sizes.parse("1KiB"));
        assertEquals(Optional.of(Size.ofBytes(5L << 20)), Sizes.parse("5MiB"));
        assertEquals(Optional.of(Size.ofBytes(2L << 30)), Sizes.parse("2GiB"));
    }

    @Test
    void bytesCaseAndASpaceAreAccepted() {
        assertEquals(Optional.of(Size.ofBytes(100)), Sizes.parse("100"));
        assertEquals(Optional.of(Size.ofBytes(100)), Sizes.parse("100B"));
        assertEquals(Optional.of(Size.ofBytes(10_000_000)), Sizes.parse("10 mb"));
    }

    @Test
    void malformedSizesAreRejected() {
        for (String bad : new String[] {"", "MB", "10M", "1.5GB", "-1MB", "10 MBs", "big", "99999999999999999TB"}) {
            assertEquals(Optional.empty(), Sizes.parse(bad), bad);
        }
    }
}

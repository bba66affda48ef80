package dev.envy.core.manifest;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DurationSyntaxTest {
    @Test
    void singleUnitsParse() {
        assertEquals(Optional.of(Duration.ofMillis(250)), DurationSyntax.parse("250ms"));
        assertEquals(Optional.of(Duration.ofSeconds(10)), DurationSyntax.parse("10s"));
        assertEquals(Optional.of(Duration.ofMinutes(2)), DurationSyntax.parse("2m"));
        assertEquals(Optional.of(Duration.ofHours(1)), DurationSyntax.parse("1h"));
        assertEquals(Optional.of(Duration.ZERO), DurationSyntax.parse("0s"));
        assertEquals(Optional.of(Duration.ZERO), DurationSyntax.parse("0"));
    }

    @Test
    void combinationsInDescendingOrderParse() {
        assertEquals(Optional.of(Duration.ofSeconds(90)), DurationSyntax.parse("1m30s"));
        assertEquals(Optional.of(Duration.ofMinutes(65)), DurationSyntax.parse("1h5m"));
        assertEquals(Optional.of(Duration.ofMillis(1_500)), DurationSyntax.parse("1s500ms"));
    }

    @Test
    void malformedDurationsAreRejected() {
        for (String bad : new String[] {"", "10", "s", "10 s", "10sec", "1.5s", "-1s", "30s1m", "1m1m", "1h 5m",
                "ten seconds", "10S", "99999999999999999999h", "9999999999999h"}) {
            assertEquals(Optional.empty(), DurationSyntax.parse(bad), bad);
        }
    }

    @Test
    void formatIsTheShortestSpellingAndRoundTrips() {
        assertEquals("500ms", DurationSyntax.format(Duration.ofMillis(500)));
        assertEquals("1m30s", DurationSyntax.format(Duration.ofSeconds(90)));
        assertEquals("0s", DurationSyntax.format(Duration.ZERO));
        assertEquals("1h1s1ms", DurationSyntax.format(Duration.ofMillis(3_601_001)));
        assertEquals(Optional.of(Duration.ofMillis(3_601_001)), DurationSyntax.parse("1h1s1ms"));
    }
}

package dev.envy.core.manifest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SystemsTest {
    @Test
    void jvmNamesMapToNixSystems() {
        assertEquals("x86_64-linux", Systems.of("Linux", "amd64"));
        assertEquals("aarch64-linux", Systems.of("Linux", "aarch64"));
        assertEquals("x86_64-darwin", Systems.of("Mac OS X", "x86_64"));
        assertEquals("aarch64-darwin", Systems.of("Mac OS X", "aarch64"));
        assertEquals("i686-linux", Systems.of("Linux", "x86"));
        assertEquals("x86_64-freebsd", Systems.of("FreeBSD", "amd64"));
    }

    @Test
    void unknownPlatformsKeepTheirOwnNames() {
        assertEquals("sparcv9-sunos", Systems.of("SunOS", "sparcv9"));
        assertEquals("unknown-unknown", Systems.of("", ""));
    }

    @Test
    void currentSystemIsOneEnvyKnows() {
        assertTrue(Systems.KNOWN.contains(Systems.current()), Systems.current());
    }
}

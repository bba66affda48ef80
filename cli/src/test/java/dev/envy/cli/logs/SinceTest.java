package dev.envy.cli.logs;

import dev.envy.cli.EnvyException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SinceTest {
    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    static final ZoneId PARIS = ZoneId.of("Europe/Paris"); // UTC+1 in November

    static Instant parse(String value) {
        return Since.parse(value, NOW, PARIS);
    }

    @Test
    void aTimeAgo() {
        assertEquals(Instant.parse("2026-11-22T11:50:00Z"), parse("10m"));
        assertEquals(Instant.parse("2026-11-22T10:30:00Z"), parse("1h30m"));
        assertEquals(Instant.parse("2026-11-20T12:00:00Z"), parse("2d"));
        assertEquals(Instant.parse("2026-11-22T11:59:59.500Z"), parse("500ms"));
    }

    @Test
    void aPointInTimeWithAnOffsetOrInTheLocalZone() {
        assertEquals(Instant.parse("2026-11-22T09:00:00Z"), parse("2026-11-22T09:00:00Z"));
        assertEquals(Instant.parse("2026-11-22T08:00:00Z"), parse("2026-11-22T09:00:00+01:00"));
        assertEquals(Instant.parse("2026-11-22T08:00:00Z"), parse("2026-11-22T09:00:00+0100"));
        assertEquals(Instant.parse("2026-11-22T09:00:00Z"), parse("2026-11-22T10:00"));
        assertEquals(Instant.parse("2026-11-22T09:00:05Z"), parse("2026-11-22 10:00:05"));
        assertEquals(Instant.parse("2026-11-21T23:00:00Z"), parse("2026-11-22"));
        assertEquals(Instant.parse("2026-11-22T09:00:00Z"), parse("10:00"));
    }

    @Test
    void anythingElseIsExit2() {
        for (String bad : new String[]{"", "10", "ten minutes", "2026-13-01", "25:00", "10x"}) {
            EnvyException e = assertThrows(EnvyException.class, () -> parse(bad), bad);
            assertEquals(2, e.exitCode());
        }
    }
}

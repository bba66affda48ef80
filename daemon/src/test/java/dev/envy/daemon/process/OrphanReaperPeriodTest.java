package dev.envy.daemon.process;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OrphanReaperPeriodTest {

    @Test
    void quietScansBackOffByDoublingUpToTheQuietPeriod() {
        long period = OrphanReaper.PERIOD_MILLIS;
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            period = OrphanReaper.nextPeriod(period, false);
            seen.append(period).append(' ');
        }
        assertEquals("1000 2000 4000 8000 16000 32000 64000 64000 ", seen.toString());
    }

    @Test
    void aChangeOrASpawnBringsBackTheShortPeriod() {
        assertEquals(OrphanReaper.PERIOD_MILLIS, OrphanReaper.nextPeriod(OrphanReaper.QUIET_PERIOD_MILLIS, true));
        assertEquals(OrphanReaper.PERIOD_MILLIS, OrphanReaper.nextPeriod(OrphanReaper.PERIOD_MILLIS, true));
    }
}

package dev.envy.daemon.log;

import dev.envy.core.log.LogFormat;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LinePrefixTest {

    @Test
    void everyMillisecondIsStampedAsTheFormatSaysWhetherItsSecondIsNewOrNot() {
        LinePrefix prefix = new LinePrefix();
        long start = 1_795_000_000_000L - 1_500; // across two second boundaries, with steps back and jumps
        long[] steps = {0, 1, 1, 9, 90, 900, -3, 1_000, 86_400_000, -86_399_999, 7, 0};
        long t = start;
        for (long step : steps) {
            t += step;
            for (int i = 0; i < 1_200; i += 37) {
                assertEquals(expected(t + i), new String(prefix.at(t + i), StandardCharsets.US_ASCII), "at " + (t + i));
            }
        }
    }

    private static String expected(long epochMillis) {
        return new String(LogFormat.encodePrefix(Instant.ofEpochMilli(epochMillis)), StandardCharsets.US_ASCII);
    }
}

package dev.envy.daemon.log;

import dev.envy.core.log.LogFormat;

import java.time.Instant;

/**
 * The time prefix of one log line on disk, {@link LogFormat#encodePrefix} ({@code 2026-11-22T01:02:03.456Z }): formatted
 * once per second, and within that second only its three millisecond digits are written, so a flood of lines costs
 * neither a format per line nor one per millisecond. The array returned is this object's own and changes with the
 * next call: it is valid until then. Not thread-safe: one per writer.
 */
final class LinePrefix {

    /** Where the milliseconds are in the prefix: {@code 2026-11-22T01:02:03.}. */
    private static final int MILLIS_AT = LogFormat.PREFIX_LENGTH - 5;

    private long cachedMillis = Long.MIN_VALUE;
    private byte[] cached = new byte[0];

    byte[] at(long epochMillis) {
        if (epochMillis != cachedMillis) {
            if (Math.floorDiv(epochMillis, 1000) == Math.floorDiv(cachedMillis, 1000)
                    && cached.length == LogFormat.PREFIX_LENGTH) {
                int millis = (int) Math.floorMod(epochMillis, 1000);
                cached[MILLIS_AT] = (byte) ('0' + millis / 100);
                cached[MILLIS_AT + 1] = (byte) ('0' + millis / 10 % 10);
                cached[MILLIS_AT + 2] = (byte) ('0' + millis % 10);
            } else {
                cached = LogFormat.encodePrefix(Instant.ofEpochMilli(epochMillis));
            }
            cachedMillis = epochMillis;
        }
        return cached;
    }
}

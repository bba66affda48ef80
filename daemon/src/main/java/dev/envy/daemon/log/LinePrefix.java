package dev.envy.daemon.log;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The time prefix of one log line on disk: {@code 2026-11-22T01:02:03.456Z } (ISO-8601 UTC, always with millis, then
 * one space). Kept byte-identical to {@code dev.envy.core.log.LogFormat}. Formatting is cached per millisecond so a
 * flood of lines costs one format per distinct millisecond. Not thread-safe: one per writer.
 */
final class LinePrefix {

    static final int LENGTH = 25;
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private long cachedMillis = Long.MIN_VALUE;
    private byte[] cached = new byte[0];

    byte[] at(long epochMillis) {
        if (epochMillis != cachedMillis) {
            cached = (FORMAT.format(Instant.ofEpochMilli(epochMillis)) + " ").getBytes(StandardCharsets.US_ASCII);
            cachedMillis = epochMillis;
        }
        return cached;
    }

    static String format(long epochMillis) {
        return FORMAT.format(Instant.ofEpochMilli(epochMillis));
    }
}

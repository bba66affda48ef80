package dev.envy.daemon.log;

import dev.envy.core.log.LogFormat;

import java.time.Instant;

/**
 * The time prefix of one log line on disk, {@link LogFormat#encodePrefix} ({@code 2026-11-22T01:02:03.456Z }),
 * cached per millisecond so a flood of lines costs one format per distinct millisecond. Not thread-safe: one per
 * writer.
 */
final class LinePrefix {

    private long cachedMillis = Long.MIN_VALUE;
    private byte[] cached = new byte[0];

    byte[] at(long epochMillis) {
        if (epochMillis != cachedMillis) {
            cached = LogFormat.encodePrefix(Instant.ofEpochMilli(epochMillis));
            cachedMillis = epochMillis;
        }
        return cached;
    }
}

package dev.envy.core.log;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * The line format of {@code .envy/logs/<service>.log}: {@code <ISO-8601 UTC time with millis> <raw bytes>\n}, e.g.
 * {@code 2026-11-22T01:02:03.456Z listening on 8080}. The time always has exactly 24 characters, so the prefix
 * (time plus one space) is {@link #PREFIX_LENGTH} bytes. The payload is kept byte for byte (invalid UTF-8 included);
 * a line longer than {@link #MAX_PAYLOAD} bytes is written as several lines.
 */
public final class LogFormat {

    /** Bytes of {@code 2026-11-22T01:02:03.456Z} plus the separating space. */
    public static final int PREFIX_LENGTH = 25;

    /** LG-8: the longest payload of one line on disk (64 KiB); longer output lines are split. */
    public static final int MAX_PAYLOAD = 64 * 1024;

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private LogFormat() {
    }

    /** One line as read back: its time, or null when the line had no valid prefix, and its payload bytes. */
    public record Line(Instant time, byte[] payload) {
        /** The payload decoded as UTF-8 (invalid sequences replaced), for display or JSON. */
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Line other && java.util.Objects.equals(time, other.time)
                    && Arrays.equals(payload, other.payload);
        }

        @Override
        public int hashCode() {
            return 31 * java.util.Objects.hashCode(time) + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Line[" + time + ", " + text() + "]";
        }
    }

    /** {@code 2026-11-22T01:02:03.456Z } (with the trailing space) in ASCII; sub-millisecond digits are dropped. */
    public static byte[] encodePrefix(Instant time) {
        return (FORMAT.format(time.truncatedTo(ChronoUnit.MILLIS)) + " ").getBytes(StandardCharsets.US_ASCII);
    }

    /** A whole line on disk: prefix, payload, newline. The caller keeps the payload within {@link #MAX_PAYLOAD}. */
    public static byte[] encode(Instant time, byte[] payload) {
        byte[] prefix = encodePrefix(time);
        byte[] line = Arrays.copyOf(prefix, prefix.length + payload.length + 1);
        System.arraycopy(payload, 0, line, prefix.length, payload.length);
        line[line.length - 1] = '\n';
        return line;
    }

    /** Reads one line (with or without its trailing {@code \n}); a line without a valid prefix is all payload. */
    public static Line parse(byte[] line) {
        return parse(line, 0, line.length);
    }

    /** As {@link #parse(byte[])} for {@code length} bytes of {@code buffer} from {@code offset}. */
    public static Line parse(byte[] buffer, int offset, int length) {
        int end = offset + length;
        if (length > 0 && buffer[end - 1] == '\n') {
            end--;
        }
        Instant time = parseTime(buffer, offset, end - offset);
        int payloadStart = time == null ? offset : offset + PREFIX_LENGTH;
        return new Line(time, Arrays.copyOfRange(buffer, payloadStart, end));
    }

    /** The time at the start of a line, or null when the first 25 bytes are not {@code uuuu-MM-ddTHH:mm:ss.SSSZ }. */
    private static Instant parseTime(byte[] b, int off, int length) {
        if (length < PREFIX_LENGTH || b[off + 24] != ' ' || b[off + 23] != 'Z' || b[off + 4] != '-'
                || b[off + 7] != '-' || b[off + 10] != 'T' || b[off + 13] != ':' || b[off + 16] != ':'
                || b[off + 19] != '.') {
            return null;
        }
        int year = digits(b, off, 4);
        int month = digits(b, off + 5, 2);
        int day = digits(b, off + 8, 2);
        int hour = digits(b, off + 11, 2);
        int minute = digits(b, off + 14, 2);
        int second = digits(b, off + 17, 2);
        int millis = digits(b, off + 20, 3);
        if ((year | month | day | hour | minute | second | millis) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal value of {@code count} ASCII digits, or -1 if any byte is not a digit. */
    private static int digits(byte[] b, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return -1;
            }
            value = value * 10 + (b[i] - '0');
        }
        return value;
    }
}

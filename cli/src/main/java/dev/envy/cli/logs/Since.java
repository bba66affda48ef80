package dev.envy.cli.logs;

import dev.envy.cli.EnvyException;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code services logs --since}: a time ago ({@code 10m}, {@code 1h30m}, {@code 2d}, {@code 45s}, {@code 500ms}) or a
 * point in time: {@code 2026-11-22T10:00:00Z} (or any offset), or in the local time zone {@code 2026-11-22T10:00},
 * {@code 2026-11-22 10:00:05}, {@code 2026-11-22} (midnight) or {@code 10:00} (today).
 */
final class Since {
    private static final Pattern AGO = Pattern.compile("(?:\\d+(?:ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Since() {
    }

    static Instant parse(String value, Instant now, ZoneId zone) {
        String v = value.strip();
        if (AGO.matcher(v).matches()) {
            Duration ago = Duration.ZERO;
            Matcher m = PART.matcher(v);
            while (m.find()) {
                long n = Long.parseLong(m.group(1));
                ago = ago.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
            }
            return now.minus(ago);
        }
        String t = v.replace(' ', 'T');
        try {
            if (t.endsWith("Z") || t.matches(".*T.*[+-]\\d\\d:?\\d\\d$")) {
                return OffsetDateTime.parse(t.endsWith("Z") ? t : t.replaceAll("([+-]\\d\\d)(\\d\\d)$", "$1:$2"))
                        .toInstant();
            }
            if (t.contains("T")) {
                return LocalDateTime.parse(t).atZone(zone).toInstant();
            }
            if (t.contains("-")) {
                return LocalDate.parse(t).atStartOfDay(zone).toInstant();
            }
            if (t.contains(":")) {
                return LocalDate.ofInstant(now, zone).atTime(LocalTime.parse(t)).atZone(zone).toInstant();
            }
        } catch (DateTimeException e) {
            // reported below
        }
        throw EnvyException.invalid("--since takes a time ago or a point in time, not '" + value + "'",
                "e.g. --since 10m, --since 1h30m, --since 2026-11-22T10:00 (local time) or --since 2026-11-22T09:00:00Z");
    }
}

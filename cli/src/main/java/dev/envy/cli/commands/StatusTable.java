package dev.envy.cli.commands;

import dev.envy.core.protocol.ServiceView;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** STA-1: the readable table of {@code envy services status}. */
public final class StatusTable {
    static final String[] HEADER = {"NAME", "STATUS", "READY", "PID", "UPTIME", "RESTARTS", "EXIT/SIGNAL"};

    private StatusTable() {
    }

    /**
     * The table's lines (header first), then one {@code NAME: message} line per service with a message. PT-1: a PORTS
     * column ({@code http=8081,admin=9000}) follows when any of the services has allocated ports.
     */
    public static List<String> render(List<ServiceView> services, Instant now) {
        boolean withPorts = services.stream().anyMatch(s -> !s.ports().isEmpty());
        List<String[]> rows = new ArrayList<>();
        rows.add(withPorts ? java.util.stream.Stream.concat(java.util.Arrays.stream(HEADER),
                java.util.stream.Stream.of("PORTS")).toArray(String[]::new) : HEADER);
        for (ServiceView s : services) {
            String[] row = {s.name(), s.status(), ready(s), s.pid() > 0 ? Long.toString(s.pid()) : "-",
                    uptime(s, now), Integer.toString(s.restarts()), exit(s), ports(s)};
            rows.add(withPorts ? row : java.util.Arrays.copyOf(row, HEADER.length));
        }
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            lines.add(line.toString().stripTrailing());
        }
        for (ServiceView s : services) {
            if (s.message() != null && !s.message().isBlank()) {
                lines.add(s.name() + ": " + s.message());
            } else if (s.statusText() != null && !s.statusText().isBlank()) {
                lines.add(s.name() + ": " + s.statusText()); // RD-1: what it said of itself (STATUS=)
            }
        }
        return lines;
    }

    /** Whether the service has a live process (starting, running, unhealthy or stopping). */
    public static boolean alive(ServiceView s) {
        return s.pid() > 0 && switch (s.status()) {
            case "starting", "running", "unhealthy", "stopping" -> true;
            default -> false;
        };
    }

    /** READY: {@code yes}, {@code no} while its process lives, else {@code -}. */
    public static String ready(ServiceView s) {
        if (s.ready()) {
            return "yes";
        }
        return alive(s) ? "no" : "-";
    }

    /** UPTIME of the live process, {@code -} when there is none. */
    public static String uptime(ServiceView s, Instant now) {
        if (!alive(s) || s.startedMillis() <= 0) {
            return "-";
        }
        return human(Duration.ofMillis(Math.max(0, now.toEpochMilli() - s.startedMillis())));
    }

    /** {@code 45s}, {@code 3m05s}, {@code 2h03m}, {@code 3d04h}. */
    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m" + String.format("%02ds", s % 60);
        }
        if (s < 86_400) {
            return (s / 3600) + "h" + String.format("%02dm", (s % 3600) / 60);
        }
        return (s / 86_400) + "d" + String.format("%02dh", (s % 86_400) / 3600);
    }

    /** PORTS: {@code http=8081,admin=9000}, or {@code -}. */
    public static String ports(ServiceView s) {
        if (s.ports().isEmpty()) {
            return "-";
        }
        List<String> out = new ArrayList<>();
        s.ports().forEach((name, port) -> out.add(name + "=" + port));
        return String.join(",", out);
    }

    /** EXIT/SIGNAL: the last terminating signal's name, else the last exit code, else {@code -}. */
    public static String exit(ServiceView s) {
        if (s.signal() != null && !s.signal().isBlank()) {
            return s.signal();
        }
        return s.exitCode() >= 0 ? Integer.toString(s.exitCode()) : "-";
    }
}

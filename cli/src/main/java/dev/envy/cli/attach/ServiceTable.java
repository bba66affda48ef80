package dev.envy.cli.attach;

import dev.envy.cli.commands.StatusTable;
import dev.envy.core.protocol.ServiceView;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The table of services: the cells of {@code envy services status} plus ports, CPU% and RSS of each service's process
 * tree. Columns that do not fit the terminal's width are left out, least useful first; below {@link #NARROW}
 * columns only the name and status remain.
 */
final class ServiceTable {
    /** Below this width the table shows only NAME and STATUS. */
    static final int NARROW = 60;
    /** Longer names are cut, with an ellipsis. */
    static final int NAME_MAX = 24;
    private static final int GAP = 2;

    enum Column {
        NAME("NAME"), STATUS("STATUS"), READY("READY"), PID("PID"), UPTIME("UPTIME"), RESTARTS("RESTARTS"),
        EXIT("EXIT"), PORTS("PORTS"), CPU("CPU%"), RSS("RSS");

        final String header;

        Column(String header) {
            this.header = header;
        }
    }

    /** The order in which columns are kept when not all fit: the first ones last to go. */
    private static final List<Column> KEPT_FIRST = List.of(Column.NAME, Column.STATUS, Column.PID, Column.READY,
            Column.CPU, Column.RSS, Column.UPTIME, Column.EXIT, Column.RESTARTS, Column.PORTS);

    private final List<ServiceView> services;
    private final List<String[]> cells = new ArrayList<>();
    private final int[] widths = new int[Column.values().length];

    ServiceTable(List<ServiceView> services, Map<String, Usage> usage, Instant now) {
        this.services = List.copyOf(services);
        for (Column c : Column.values()) {
            widths[c.ordinal()] = c.header.length();
        }
        for (ServiceView s : services) {
            String[] row = cellsOf(s, LiveViewModel.hasProcess(s) ? usage.get(s.name()) : null, now);
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
            cells.add(row);
        }
    }

    private static String[] cellsOf(ServiceView s, Usage usage, Instant now) {
        String[] row = new String[Column.values().length];
        row[Column.NAME.ordinal()] = s.name().length() > NAME_MAX ? s.name().substring(0, NAME_MAX - 1) + "…" : s.name();
        row[Column.STATUS.ordinal()] = s.status();
        row[Column.READY.ordinal()] = StatusTable.ready(s);
        row[Column.PID.ordinal()] = s.pid() > 0 ? Long.toString(s.pid()) : "-";
        row[Column.UPTIME.ordinal()] = StatusTable.uptime(s, now);
        row[Column.RESTARTS.ordinal()] = Integer.toString(s.restarts());
        row[Column.EXIT.ordinal()] = StatusTable.exit(s);
        row[Column.PORTS.ordinal()] = LiveViewModel.hasProcess(s) ? ports(portsOf(s, usage)) : "-";
        row[Column.CPU.ordinal()] = usage == null ? "-" : String.format(Locale.ROOT, "%.1f", usage.cpuPercent());
        row[Column.RSS.ordinal()] = usage == null ? "-" : bytes(usage.rssBytes());
        return row;
    }

    /**
     * PORTS of a live service: those envy allocated to it (PT-1, known at once) and those its tree is seen listening
     * on (measured), each once, in order.
     */
    private static List<Integer> portsOf(ServiceView s, Usage usage) {
        java.util.TreeSet<Integer> ports = new java.util.TreeSet<>(s.ports().values());
        if (usage != null) {
            ports.addAll(usage.ports());
        }
        return List.copyOf(ports);
    }

    /** {@code 5432}, {@code 8080,8443}, {@code 80,443,+3}. */
    static String ports(List<Integer> ports) {
        if (ports.isEmpty()) {
            return "-";
        }
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < ports.size() && i < 2; i++) {
            shown.add(Integer.toString(ports.get(i)));
        }
        if (ports.size() > 2) {
            shown.add("+" + (ports.size() - 2));
        }
        return String.join(",", shown);
    }

    /** {@code 812K}, {@code 45.3M}, {@code 1.2G}. */
    static String bytes(long n) {
        if (n < 1024 * 1024) {
            return (n + 1023) / 1024 + "K";
        }
        if (n < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1fM", n / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.1fG", n / (1024.0 * 1024 * 1024));
    }

    /** The columns shown at {@code width}, in table order. */
    Set<Column> columns(int width) {
        Set<Column> shown = EnumSet.of(Column.NAME, Column.STATUS);
        if (width < NARROW) {
            return shown;
        }
        int used = 2 + widths[Column.NAME.ordinal()] + GAP + widths[Column.STATUS.ordinal()];
        for (Column c : KEPT_FIRST.subList(2, KEPT_FIRST.size())) {
            int need = GAP + widths[c.ordinal()];
            if (used + need <= width) {
                shown.add(c);
                used += need;
            }
        }
        return shown;
    }

    int size() {
        return services.size();
    }

    AttributedString header(int width, Styles styles) {
        AttributedStringBuilder b = new AttributedStringBuilder().style(styles.bold()).append("  ");
        appendCells(b, width, c -> c.header, c -> styles.bold());
        return cut(b, width);
    }

    /** Row {@code index}; the selected one is marked and shown in reverse video. */
    AttributedString row(int index, boolean selected, int width, Styles styles) {
        String[] row = cells.get(index);
        String status = services.get(index).status();
        AttributedStringBuilder b = new AttributedStringBuilder();
        AttributedStyle base = selected ? styles.selected() : styles.plain();
        b.style(base).append(selected ? styles.marker() : "  ");
        appendCells(b, width, c -> row[c.ordinal()],
                c -> c == Column.STATUS ? merge(styles.status(status), selected) : base);
        if (selected) {
            b.style(base).append(" ".repeat(Math.max(0, width - b.columnLength())));
        }
        return cut(b, width);
    }

    private static AttributedStyle merge(AttributedStyle style, boolean selected) {
        return selected ? style.inverse() : style;
    }

    private void appendCells(AttributedStringBuilder b, int width, java.util.function.Function<Column, String> text,
                             java.util.function.Function<Column, AttributedStyle> style) {
        Set<Column> shown = columns(width);
        boolean first = true;
        for (Column c : Column.values()) {
            if (!shown.contains(c)) {
                continue;
            }
            if (!first) {
                b.append(" ".repeat(GAP));
            }
            first = false;
            String t = text.apply(c);
            AttributedStyle before = b.style();
            b.style(style.apply(c)).append(t).style(before);
            b.append(" ".repeat(widths[c.ordinal()] - t.length()));
        }
    }

    private static AttributedString cut(AttributedStringBuilder b, int width) {
        AttributedString s = b.toAttributedString();
        return s.columnLength() > width ? s.columnSubSequence(0, width) : s;
    }
}

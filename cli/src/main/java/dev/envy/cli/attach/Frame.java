package dev.envy.cli.attach;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * Lays out and draws the live view from its model: a header line (the environment, its activations and hold, whether
 * envy.toml changed), the table of services, the log pane under its title line, and one line of key help (or the
 * search being typed, a question, a message). Small terminals lose the log pane; narrow ones lose table columns.
 */
final class Frame {
    /** Below this height the log pane is left out and the table gets the screen. */
    static final int SHORT = 8;

    private Frame() {
    }

    record Layout(int tableRows, int paneRows) {}

    static Layout layout(LiveViewModel m) {
        int available = m.rows - 2;
        if (available <= 0) {
            return new Layout(0, 0);
        }
        int wanted = Math.max(2, m.services.size() + 1);
        if (m.rows < SHORT) {
            return new Layout(Math.min(wanted, available), 0);
        }
        int table = Math.min(wanted, Math.max(2, available / 2));
        return new Layout(table, available - table - 1);
    }

    static List<AttributedString> render(LiveViewModel m) {
        int width = m.columns;
        List<AttributedString> out = new ArrayList<>();
        out.add(header(m));
        Layout layout = layout(m);
        if (m.mode == LiveViewModel.Mode.HELP) {
            List<AttributedString> help = HelpPage.lines(m.styles, m.up);
            for (int i = 0; i < m.rows - 2; i++) {
                out.add(cut(i < help.size() ? help.get(i) : AttributedString.EMPTY, width));
            }
        } else {
            table(m, layout.tableRows(), out);
            if (layout.paneRows() > 0) {
                out.add(paneTitle(m));
                out.addAll(m.pane.rows(layout.paneRows(), width,
                        m.pane.service() == null ? line -> prefix(m, line) : null, m.styles.colour(),
                        m.styles.match()));
            }
        }
        while (out.size() < m.rows - 1) {
            out.add(AttributedString.EMPTY);
        }
        if (m.rows > 1) {
            out.add(footer(m));
        }
        while (out.size() > m.rows) {
            out.removeLast();
        }
        return out;
    }

    /**
     * {@code envy webapp · 2 activations · held up (envy down stops it)   envy.toml changed: R applies it}; on a
     * narrow terminal the hints give way first, then the activations, so what is left is never cut mid-word.
     */
    private static AttributedString header(LiveViewModel m) {
        Styles st = m.styles;
        AttributedString name = new AttributedStringBuilder().style(st.bold()).append("envy ").append(m.environment)
                .toAttributedString();
        if (m.gone != null) {
            return spread(name, new AttributedString("the daemon has exited", st.error()), m.columns);
        }
        if (!m.connected) {
            return spread(name, new AttributedString("connecting to the daemon…"), m.columns);
        }
        String activations = " · " + (m.activations == 0 ? "no activation"
                : m.activations + (m.activations == 1 ? " activation" : " activations"));
        String held = m.hold ? " · held up (envy down stops it)" : "";
        String heldShort = m.hold ? " · held up" : "";
        String stale = m.stale ? "envy.toml changed: R applies it" : "";
        String staleShort = m.stale ? "envy.toml changed" : "";
        // {activations, hold, stale}, most said first
        List<String[]> tries = List.of(new String[] {activations, held, stale},
                new String[] {activations, heldShort, stale}, new String[] {activations, heldShort, staleShort},
                new String[] {"", heldShort, staleShort}, new String[] {"", "", staleShort},
                new String[] {"", heldShort, ""}, new String[] {"", "", ""});
        for (String[] t : tries) {
            int length = name.columnLength() + t[0].length() + t[1].length() + (t[2].isEmpty() ? 0 : 2 + t[2].length());
            if (length <= m.columns || t == tries.getLast()) {
                return spread(AttributedString.join(AttributedString.EMPTY, name,
                        new AttributedString(t[0] + t[1], st.plain())), new AttributedString(t[2], st.warning()),
                        m.columns);
            }
        }
        throw new AssertionError("the last try is always taken");
    }

    private static void table(LiveViewModel m, int rows, List<AttributedString> out) {
        if (rows <= 0) {
            return;
        }
        int width = m.columns;
        if (!m.connected) {
            out.add(cut(new AttributedString("  connecting to the daemon…", m.styles.faint()), width));
            return;
        }
        if (m.services.isEmpty()) {
            out.add(cut(new AttributedString("  (no services)", m.styles.faint()), width));
            return;
        }
        ServiceTable table = new ServiceTable(m.services, m.usage, m.now);
        out.add(table.header(width, m.styles));
        int visible = rows - 1;
        int selected = Math.max(0, indexOf(m, m.selected));
        int top = selected < visible ? 0 : selected - visible + 1;
        for (int i = top; i < table.size() && i < top + visible; i++) {
            out.add(table.row(i, m.services.get(i).name().equals(m.selected), width, m.styles));
        }
    }

    private static int indexOf(LiveViewModel m, String name) {
        for (int i = 0; i < m.services.size(); i++) {
            if (m.services.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static AttributedString prefix(LiveViewModel m, PaneLine line) {
        return new AttributedStringBuilder()
                .style(m.styles.prefix(line.service(), m.names)).append(LogPane.pad(line.service(), m.prefixWidth()))
                .append(" |").style(AttributedStyle.DEFAULT).append(" ").toAttributedString();
    }

    /** {@code ── logs: all · following · wrap · /error 2 of 5 ─── web: blocked by db ──}. */
    private static AttributedString paneTitle(LiveViewModel m) {
        Styles st = m.styles;
        char rule = st.rule();
        LogPane pane = m.pane;
        AttributedStringBuilder left = new AttributedStringBuilder().append(String.valueOf(rule).repeat(2)).append(" ")
                .style(st.bold()).append(pane.service() == null ? "logs: all" : "logs: " + pane.service())
                .style(st.plain());
        if (pane.following()) {
            left.append(" · following");
        } else {
            left.style(st.warning()).append(" · paused").style(st.plain());
            if (pane.unseen() > 0) {
                left.append(" · " + pane.unseen() + " new " + st.newLines());
            }
        }
        if (pane.wrapping()) {
            left.append(" · wrap");
        }
        if (pane.query() != null) {
            OptionalInt at = pane.matchNumber();
            int count = pane.matchCount();
            left.append(" · /" + pane.query() + " " + (count == 0 ? "no match"
                    : at.isPresent() ? at.getAsInt() + " of " + count : count + (count == 1 ? " match" : " matches")));
        }
        left.append(" ");
        AttributedStringBuilder right = new AttributedStringBuilder();
        int at = indexOf(m, m.selected);
        String said = at < 0 ? null : said(m.services.get(at));
        if (said != null) {
            right.append(" ").append(m.selected + ": " + said).append(" ").append(String.valueOf(rule).repeat(2));
        }
        AttributedString l = left.toAttributedString();
        AttributedString r = right.toAttributedString();
        int fill = m.columns - l.columnLength() - r.columnLength();
        if (fill < 1) {
            return cut(AttributedString.join(AttributedString.EMPTY, l,
                    new AttributedString(String.valueOf(rule).repeat(Math.max(0, m.columns - l.columnLength())))),
                    m.columns);
        }
        return AttributedString.join(AttributedString.EMPTY, l, new AttributedString(String.valueOf(rule).repeat(fill)),
                r);
    }

    /** What a service's status says beyond its word: envy's reason, else its own sd_notify {@code STATUS=} (RD-1). */
    private static String said(dev.envy.core.protocol.ServiceView s) {
        if (s.message() != null && !s.message().isBlank()) {
            return s.message();
        }
        return s.statusText() != null && !s.statusText().isBlank() ? s.statusText() : null;
    }

    private static AttributedString footer(LiveViewModel m) {
        Styles st = m.styles;
        int width = m.columns;
        return switch (m.mode) {
            case SEARCH -> cut(new AttributedStringBuilder().append("/").append(m.typed.toString())
                    .style(st.selected()).append(" ").style(st.plain())
                    .style(st.faint()).append("   Enter finds (newest first) · Esc cancels").toAttributedString(), width);
            case LEAVING -> cut(new AttributedStringBuilder().style(st.warning()).append("Leave envy up? ")
                    .style(st.plain()).append(width < 80 ? "d detach · s stop all · Esc stay"
                            : "d detach (the services keep running until envy down) · s stop everything · Esc stay")
                    .toAttributedString(), width);
            case HELP -> cut(new AttributedString("any key closes the help", st.faint()), width);
            case COPY, NORMAL -> normalFooter(m);
        };
    }

    private static AttributedString normalFooter(LiveViewModel m) {
        Styles st = m.styles;
        if (m.message != null) {
            return cut(new AttributedString(m.message, m.messageIsError ? st.error() : st.plain()), m.columns);
        }
        if (m.gone != null) {
            boolean orphans = m.services.stream().anyMatch(s -> LiveViewModel.ORPHANED.equals(s.status()));
            return cut(new AttributedString("the daemon has exited (" + m.gone + ") · "
                    + (orphans ? "`envy down` stops the orphans · " : "") + "`envy up -d` starts it again · q leaves",
                    st.error()), m.columns);
        }
        return KeyHelp.line(st, m.up, m.columns);
    }

    /** {@code left} and {@code right} on one line, right-aligned; the right part goes first when short of room. */
    private static AttributedString spread(AttributedString left, AttributedString right, int width) {
        if (right.length() == 0) {
            return cut(left, width);
        }
        int gap = width - left.columnLength() - right.columnLength();
        if (gap >= 1) {
            return cut(AttributedString.join(AttributedString.EMPTY, left,
                    new AttributedString(" ".repeat(Math.max(0, gap))), right), width);
        }
        return cut(AttributedString.join(new AttributedString(" "), left, right), width);
    }

    static AttributedString cut(AttributedString s, int width) {
        return s.columnLength() > width ? s.columnSubSequence(0, width) : s;
    }
}

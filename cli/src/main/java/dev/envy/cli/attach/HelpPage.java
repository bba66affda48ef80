package dev.envy.cli.attach;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;

import java.util.ArrayList;
import java.util.List;

/** The keys of the live view, as its help page ({@code ?}) lists them. README's table says the same. */
final class HelpPage {
    private HelpPage() {
    }

    record Entry(String keys, String what) {}

    static List<Entry> entries(Styles st, boolean up) {
        return List.of(
                new Entry(st.upDown() + "  k j", "select a service"),
                new Entry(st.enter() + "  l", "show the selected service's log"),
                new Entry("a", "show every service's log"),
                new Entry("r", "restart the selected service"),
                new Entry("s", "start the selected service, or stop it if it runs"),
                new Entry("R", "reload envy.toml: apply what changed"),
                new Entry("/", "search the log (newest match first; a capital letter makes case count)"),
                new Entry("n  N", "the next older / newer match · Esc forgets the search"),
                new Entry("f", "follow the newest lines, or stay where you are"),
                new Entry("w", "wrap long lines, or cut them (then " + st.leftRight() + " scroll sideways)"),
                new Entry("PgUp PgDn", "scroll the log · Home g the oldest line · End G the newest"),
                new Entry("c", "copy mode: the log as plain text, for your terminal's own selection; any key returns"),
                new Entry("?", "this help; any key closes it"),
                new Entry("Ctrl-L", "draw the whole screen again"),
                up ? new Entry("q  Ctrl-C", "leave: detach (the services keep running until envy down) or stop "
                        + "everything")
                        : new Entry("q  Ctrl-C", "detach: leave the view; the services keep running"));
    }

    static List<AttributedString> lines(Styles st, boolean up) {
        List<AttributedString> lines = new ArrayList<>();
        lines.add(AttributedString.EMPTY);
        lines.add(new AttributedString(up ? "  envy up: keys" : "  envy attach: keys", st.bold()));
        lines.add(AttributedString.EMPTY);
        List<Entry> entries = entries(st, up);
        int width = entries.stream().mapToInt(e -> e.keys().length()).max().orElse(0);
        for (Entry e : entries) {
            lines.add(new AttributedStringBuilder().append("  ").style(st.bold())
                    .append(LogPane.pad(e.keys(), width)).style(st.plain()).append("   ").append(e.what())
                    .toAttributedString());
        }
        lines.add(AttributedString.EMPTY);
        lines.add(new AttributedString("  The mouse is never captured: your terminal's own selection works everywhere.",
                st.faint()));
        return lines;
    }
}

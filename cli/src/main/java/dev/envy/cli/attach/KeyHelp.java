package dev.envy.cli.attach;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;

import java.util.List;

/** The one line of key help at the bottom of the view: as many keys as fit, {@code ? help} and how to leave always. */
final class KeyHelp {
    private KeyHelp() {
    }

    static AttributedString line(Styles st, boolean up, int width) {
        List<String[]> items = List.of(
                new String[]{st.upDown(), "select"}, new String[]{st.enter(), "logs"}, new String[]{"a", "all"},
                new String[]{"r", "restart"}, new String[]{"s", "start/stop"}, new String[]{"R", "reload"},
                new String[]{"/", "search"}, new String[]{"f", "follow"}, new String[]{"w", "wrap"},
                new String[]{"c", "copy"});
        String[] help = {"?", "help"};
        String[] leave = {"q", up ? "quit" : "detach"};
        int reserved = length(help) + 2 + length(leave);
        AttributedStringBuilder b = new AttributedStringBuilder();
        int used = 0;
        for (String[] item : items) {
            if (used + length(item) + 2 + reserved > width) {
                break;
            }
            append(b, st, item);
            b.append("  ");
            used += length(item) + 2;
        }
        append(b, st, help);
        b.append("  ");
        append(b, st, leave);
        return Frame.cut(b.toAttributedString(), width);
    }

    private static int length(String[] item) {
        return item[0].length() + 1 + item[1].length();
    }

    private static void append(AttributedStringBuilder b, Styles st, String[] item) {
        b.style(st.bold()).append(item[0]).style(st.plain()).append(" ").style(st.faint()).append(item[1])
                .style(st.plain());
    }
}

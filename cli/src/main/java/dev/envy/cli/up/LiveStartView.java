package dev.envy.cli.up;

import dev.envy.core.protocol.Response;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * On a terminal: one line per service, in the order they first report, each rewritten in place as its state changes
 * (cursor up, clear line), coloured by state unless colours are off. What remains when starting is over is the
 * final state of each service; the logs follow below it.
 */
final class LiveStartView implements StartView {
    private static final String UP = "\u001b[%dA";
    private static final String CLEAR = "\r\u001b[2K";

    private final PrintWriter out;
    private final boolean colour;
    private final Map<String, Response.Progress> states = new LinkedHashMap<>();
    private int drawn;

    LiveStartView(PrintWriter out, boolean colour) {
        this.out = out;
        this.colour = colour;
    }

    @Override
    public synchronized void progress(Response.Progress progress) {
        states.put(progress.service(), progress);
        StringBuilder frame = new StringBuilder();
        if (drawn > 0) {
            frame.append(UP.formatted(drawn));
        }
        int width = states.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Response.Progress p : states.values()) {
            frame.append(CLEAR).append(line(p, width)).append('\n');
        }
        drawn = states.size();
        out.print(frame);
        out.flush();
    }

    @Override
    public synchronized void finish() {
        out.flush();
    }

    /** {@code ● db   ready (port 5432)}: the mark and state coloured by how it is going. */
    String line(Response.Progress p, int width) {
        String name = p.service() + " ".repeat(width - p.service().length());
        String detail = p.detail() == null || p.detail().isBlank() ? "" : " (" + p.detail() + ")";
        String state = mark(p.status()) + " " + name + "  " + p.status();
        if (!colour) {
            return state + detail;
        }
        return new AttributedStringBuilder()
                .style(AttributedStyle.DEFAULT.foreground(colourOf(p.status())))
                .append(state)
                .style(AttributedStyle.DEFAULT)
                .append(detail)
                .toAnsi();
    }

    private static String mark(String status) {
        return switch (status) {
            case "running", "ready" -> "●";
            case "failed", "blocked", "backoff" -> "✗";
            default -> "○";
        };
    }

    private static int colourOf(String status) {
        return switch (status) {
            case "running", "ready" -> AttributedStyle.GREEN;
            case "failed", "blocked", "backoff" -> AttributedStyle.RED;
            default -> AttributedStyle.YELLOW;
        };
    }
}

package dev.envy.cli.up;

import dev.envy.cli.client.ProgressLine;
import dev.envy.core.protocol.Response;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * On a terminal: one line per service, in the order they first report, each rewritten in place as its state changes
 * (cursor up, clear line), coloured by state unless colours are off. A service that is waiting or starting shows how
 * long it has been so ({@code ○ api  starting 12s (waiting up to 1m for http://… to answer)}), redrawn each
 * {@link StartView#TICK}. What remains when starting is over is the final state of each service; the logs follow
 * below it.
 */
final class LiveStartView implements StartView {
    private static final String UP = "\u001b[%dA";
    private static final String CLEAR = "\r\u001b[2K";

    private final PrintWriter out;
    private final boolean colour;
    private final InstantSource clock;
    private final Map<String, Shown> states = new LinkedHashMap<>();
    private int drawn;
    private boolean finished;

    /** A service's last reported state and when it entered it (as this view saw it). */
    private record Shown(Response.Progress progress, Instant since) {}

    LiveStartView(PrintWriter out, boolean colour, InstantSource clock) {
        this.out = out;
        this.colour = colour;
        this.clock = clock;
    }

    @Override
    public synchronized void progress(Response.Progress progress) {
        if (finished) {
            return;
        }
        Shown before = states.get(progress.service());
        boolean same = before != null && before.progress().status().equals(progress.status());
        states.put(progress.service(), new Shown(progress, same ? before.since() : clock.instant()));
        draw();
    }

    @Override
    public synchronized boolean tick() {
        if (finished) {
            return false;
        }
        if (states.values().stream().anyMatch(s -> waiting(s.progress().status()))) {
            draw();
        }
        return true;
    }

    @Override
    public synchronized void finish() {
        finished = true;
        out.flush();
    }

    private void draw() {
        StringBuilder frame = new StringBuilder();
        if (drawn > 0) {
            frame.append(UP.formatted(drawn));
        }
        int width = states.keySet().stream().mapToInt(String::length).max().orElse(0);
        Instant now = clock.instant();
        for (Shown s : states.values()) {
            frame.append(CLEAR).append(line(s.progress(), width, Duration.between(s.since(), now))).append('\n');
        }
        drawn = states.size();
        out.print(frame);
        out.flush();
    }

    /** {@code ● db   ready (port 5432)}, {@code ○ api  starting 12s (…)}: mark and state coloured by how it goes. */
    String line(Response.Progress p, int width, Duration elapsed) {
        String name = p.service() + " ".repeat(width - p.service().length());
        String detail = ProgressLine.detail(p);
        String time = waiting(p.status()) && elapsed.toSeconds() >= 1 ? " " + Elapsed.words(elapsed) : "";
        String state = mark(p.status()) + " " + name + "  " + p.status() + time;
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

    /** A state that lasts until something else happens: its duration is worth showing. */
    private static boolean waiting(String status) {
        return status.equals("starting") || status.equals("waiting");
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

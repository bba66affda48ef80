package dev.envy.cli.attach;

import dev.envy.cli.logs.ServiceColours;
import org.jline.utils.AttributedStyle;

import java.util.List;

/**
 * How the live view looks: colours (none with {@code NO_COLOR}, where emphasis is bold and reverse video only) and
 * its few glyphs (plain ASCII on a terminal that cannot show UTF-8).
 *
 * @param colour  whether to use colours
 * @param unicode whether the terminal shows UTF-8 (box-drawing rule, arrows)
 */
public record Styles(boolean colour, boolean unicode) {

    public char rule() {
        return unicode ? '─' : '-';
    }

    public String marker() {
        return unicode ? "▶ " : "> ";
    }

    public String upDown() {
        return unicode ? "↑↓" : "up/down";
    }

    public String leftRight() {
        return unicode ? "← →" : "left right";
    }

    public String enter() {
        return unicode ? "⏎" : "Enter";
    }

    public String newLines() {
        return unicode ? "↓" : "v";
    }

    public AttributedStyle plain() {
        return AttributedStyle.DEFAULT;
    }

    public AttributedStyle bold() {
        return AttributedStyle.BOLD;
    }

    public AttributedStyle faint() {
        return colour ? AttributedStyle.DEFAULT.faint() : AttributedStyle.DEFAULT;
    }

    public AttributedStyle selected() {
        return AttributedStyle.INVERSE;
    }

    /** A search match in the log. */
    public AttributedStyle match() {
        return colour ? AttributedStyle.DEFAULT.background(AttributedStyle.YELLOW).foreground(AttributedStyle.BLACK)
                : AttributedStyle.INVERSE;
    }

    public AttributedStyle warning() {
        return colour ? AttributedStyle.BOLD.foreground(AttributedStyle.YELLOW) : AttributedStyle.BOLD;
    }

    public AttributedStyle error() {
        return colour ? AttributedStyle.BOLD.foreground(AttributedStyle.RED) : AttributedStyle.BOLD;
    }

    /** A status word: green when up, yellow on the way, red when failed, faint when at rest. */
    public AttributedStyle status(String status) {
        if (!colour) {
            return AttributedStyle.DEFAULT;
        }
        return switch (status) {
            case "running", "completed" -> AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
            case "failed", "blocked", "unhealthy" -> AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
            case "waiting", "starting", "stopping", "backoff" -> AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
            default -> AttributedStyle.DEFAULT.faint();
        };
    }

    /** The {@code name |} prefix of a service's log lines: its colour by its place among {@code services}. */
    public AttributedStyle prefix(String service, List<String> services) {
        if (!colour) {
            return AttributedStyle.DEFAULT;
        }
        int index = services.indexOf(service);
        return AttributedStyle.DEFAULT.foreground(ServiceColours.palette(index < 0 ? services.size() : index));
    }
}

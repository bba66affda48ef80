package dev.envy.cli.attach;

import dev.envy.core.protocol.Response;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything that can change what the live view shows. The terminal, the daemon's status stream, the log files, the
 * clock and the process table each turn what happened into one of these, and the view's single thread feeds it to
 * {@link LiveViewModel#on}; nothing else changes the model.
 */
public sealed interface ViewInput {

    /** A special key. */
    record Pressed(Key key) implements ViewInput {}

    /** A printable character. */
    record Typed(char character) implements ViewInput {}

    /** The terminal's new size. */
    record Resized(int columns, int rows) implements ViewInput {}

    /** The daemon's state: every service, the activations, the hold, whether envy.toml changed since applied. */
    record Status(Response.StatusReport report) implements ViewInput {}

    /** The time now (uptimes are measured against it). */
    record Clock(Instant now) implements ViewInput {}

    /** CPU%, RSS and listening ports of each service's process tree, measured just now. */
    record Measured(Map<String, Usage> usage) implements ViewInput {}

    /** New lines of the log the pane shows, oldest first. */
    record LogLines(List<PaneLine> lines) implements ViewInput {
        public LogLines {
            lines = List.copyOf(lines);
        }
    }

    /** The pane now shows {@code service}'s log (null: every service's), starting with these last lines. */
    record LogSwitched(String service, List<PaneLine> lines) implements ViewInput {
        public LogSwitched {
            lines = List.copyOf(lines);
        }
    }

    /** What came of a request the view sent, in one line. */
    record Outcome(String text, boolean failed) implements ViewInput {}

    /** The daemon's status stream ended: it exited (or was killed). */
    record DaemonGone(String why) implements ViewInput {}

    /**
     * CS-13, after the daemon has gone: the service process groups it left running, service name → PID, as
     * {@code envy services status} would show them ({@code orphaned}); empty once none is left.
     */
    record Orphans(Map<String, Long> pids) implements ViewInput {
        public Orphans {
            pids = Map.copyOf(pids);
        }
    }

    /** SIGTERM: leave now, without asking. */
    record Terminated() implements ViewInput {}
}

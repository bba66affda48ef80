package dev.envy.cli.attach;

import dev.envy.core.protocol.Request;

import java.util.List;

/** What the view model asks of the world after an input; the view's loop carries it out. */
public sealed interface ViewCommand {

    /** Send {@code request} to the daemon on its own connection; {@code doing} names it ({@code restarting web}). */
    record Send(Request request, String doing) implements ViewCommand {}

    /** Show {@code service}'s log in the pane (null: every service's): read its last lines, then follow it. */
    record ShowLog(String service) implements ViewCommand {}

    /** Copy mode: leave the full-screen view and print {@code lines} as plain text on the terminal. */
    record PrintPlain(List<String> lines) implements ViewCommand {
        public PrintPlain {
            lines = List.copyOf(lines);
        }
    }

    /** Back from copy mode: the full-screen view again, drawn whole. */
    record Redraw() implements ViewCommand {}

    /** Leave the view. */
    record Leave(Ending ending) implements ViewCommand {}

    /** How the view was left. */
    enum Ending {
        /** The services keep running ({@code envy attach}: as they were; {@code envy up}: under a hold). */
        DETACH,
        /** {@code envy up}: stop every service. */
        STOP_ALL,
        /** The daemon exited: there is nothing left to detach from or stop. */
        DAEMON_GONE
    }
}

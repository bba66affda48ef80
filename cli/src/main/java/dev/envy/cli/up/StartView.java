package dev.envy.cli.up;

import dev.envy.core.protocol.Response;

import java.io.PrintWriter;

/**
 * How {@code envy up} and {@code envy services start} show the services starting: plain lines, or a live view on a
 * terminal.
 */
public sealed interface StartView permits PlainStartView, LiveStartView {

    /** The live view on a terminal, plain lines elsewhere. */
    static StartView of(PrintWriter out, boolean terminal, boolean colour) {
        return terminal ? new LiveStartView(out, colour) : new PlainStartView(out);
    }

    /** A service changed state. Called from the thread that reads the daemon's answer. */
    void progress(Response.Progress progress);

    /** Starting is over (the logs follow below). */
    void finish();
}

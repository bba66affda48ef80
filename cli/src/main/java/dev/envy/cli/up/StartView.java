package dev.envy.cli.up;

import dev.envy.core.protocol.Response;

/** How {@code envy up} shows the services starting: plain lines, or a live view on a terminal. */
sealed interface StartView permits PlainStartView, LiveStartView {

    /** A service changed state. Called from the thread that reads the daemon's answer. */
    void progress(Response.Progress progress);

    /** Starting is over (the logs follow below). */
    void finish();
}

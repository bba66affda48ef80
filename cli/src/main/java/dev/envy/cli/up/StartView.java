package dev.envy.cli.up;

import dev.envy.core.protocol.Response;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.InstantSource;

/**
 * How {@code envy up} and {@code envy services start} show the services starting: plain lines, or a live view on a
 * terminal. Both say how long a wait has lasted: the live view counts the seconds on the service's line, the plain
 * lines add {@code api: still starting (10s)} every {@link PlainStartView#EVERY}.
 */
public sealed interface StartView permits PlainStartView, LiveStartView {

    /** How often a view looks at the time (the live view's seconds; the plain view's reminders). */
    Duration TICK = Duration.ofSeconds(1);

    /** The live view on a terminal, plain lines elsewhere, ticking until {@link #finish()}. */
    static StartView of(PrintWriter out, boolean terminal, boolean colour) {
        StartView view = terminal ? new LiveStartView(out, colour, InstantSource.system())
                : new PlainStartView(out, InstantSource.system());
        Thread.ofVirtual().name("start-view-tick").start(() -> {
            try {
                while (view.tick()) {
                    Thread.sleep(TICK); // a clock for the display, not a wait for anything
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return view;
    }

    /** A service changed state. Called from the thread that reads the daemon's answer; ignored after finish. */
    void progress(Response.Progress progress);

    /** Shows how long the waits have lasted so far; false once the view is finished (the ticking stops). */
    boolean tick();

    /** Starting is over, or the user asked to stop: later progress is not shown (what follows says the rest). */
    void finish();
}

package dev.envy.cli.up;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a request to stop, handled by {@code envy up} itself rather than by the JVM's
 * default (which would exit at once): the main thread sees the request, stops the services and returns normally,
 * so the stop always completes before the JVM exits. A repeated signal only says that stopping is under way; the
 * daemon bounds each service's stop (grace period, then kill). Where the JVM cannot take the signals over (e.g.
 * {@code -Xrs}), the default stays: the JVM exits and the daemon tears down as for any last activation.
 */
final class StopSignal {
    private final CountDownLatch requested = new CountDownLatch(1);
    private final AtomicInteger count = new AtomicInteger();
    private final PrintWriter err;

    StopSignal(PrintWriter err) {
        this.err = err;
    }

    /** A stop request fed by SIGINT and SIGTERM. */
    @SuppressWarnings("removal")
    static StopSignal install(PrintWriter err) {
        StopSignal stop = new StopSignal(err);
        for (String name : new String[]{"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> stop.request());
            } catch (IllegalArgumentException unavailable) {
                // the JVM keeps its default for this signal: exit, after which the daemon tears down
            }
        }
        return stop;
    }

    void request() {
        if (count.incrementAndGet() > 1) {
            err.println("envy: still stopping the services…");
            err.flush();
        }
        requested.countDown();
    }

    boolean requested() {
        return requested.getCount() == 0;
    }

    /** Waits up to {@code deadline} for a stop request; whether one came. */
    boolean await(Duration deadline) throws InterruptedException {
        return requested.await(deadline.toMillis(), TimeUnit.MILLISECONDS);
    }
}

package dev.envy.daemon.loop;

import dev.envy.core.lifecycle.TimerKey;

import java.time.Duration;

/** One timer per key; a fired timer posts {@code TimerFired}. Scheduling a key again replaces the earlier one. */
public interface TimerPort extends AutoCloseable {

    void schedule(TimerKey key, Duration after);

    /**
     * As {@link #schedule(TimerKey, Duration)}, but when it is due the timer fires only if {@code stillDue} says so
     * (asked on the timers' thread); otherwise it is dropped.
     */
    default void schedule(TimerKey key, Duration after, java.util.function.BooleanSupplier stillDue) {
        schedule(key, after);
    }

    /**
     * A timer under {@code key} like the others (scheduling or cancelling the key replaces or drops it), that runs
     * {@code action} on the timers' thread when due instead of posting {@code TimerFired}: for work that is decided
     * already, such as a liveness check. {@code action} must be quick and must not block.
     */
    void run(TimerKey key, Duration after, Runnable action);

    void cancel(TimerKey key);

    @Override
    void close();
}

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

    void cancel(TimerKey key);

    @Override
    void close();
}

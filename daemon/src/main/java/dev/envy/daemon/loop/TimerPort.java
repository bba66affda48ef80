package dev.envy.daemon.loop;

import dev.envy.core.lifecycle.TimerKey;

import java.time.Duration;

/** One timer per key; a fired timer posts {@code TimerFired}. Scheduling a key again replaces the earlier one. */
public interface TimerPort extends AutoCloseable {

    void schedule(TimerKey key, Duration after);

    void cancel(TimerKey key);

    @Override
    void close();
}

package dev.envy.daemon.loop;

import dev.envy.core.lifecycle.Event;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The only way into the event loop. Every thread but the loop's (socket connections, process exits, probes, timers,
 * activation watchers, signals, the manifest watcher) posts here; once closed, posts are refused so that a caller can
 * answer its client itself instead of waiting for a loop that has ended.
 */
public final class EventQueue {
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Object lock = new Object();
    private boolean closed;

    /** Adds {@code event}; false when the queue is closed (the daemon is exiting) and the event was dropped. */
    public boolean post(Event event) {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            events.add(event);
            return true;
        }
    }

    /** Refuses every later post. Events already queued stay takeable. */
    public void close() {
        synchronized (lock) {
            closed = true;
        }
    }

    public boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** The next event, waiting at most {@code max}; empty when none came in time. */
    public Optional<Event> next(Duration max) throws InterruptedException {
        return Optional.ofNullable(events.poll(max.toNanos(), TimeUnit.NANOSECONDS));
    }

    /** The next event if one is queued right now. */
    public Optional<Event> poll() {
        return Optional.ofNullable(events.poll());
    }

    public int size() {
        return events.size();
    }
}

package dev.envy.daemon.loop;

import dev.envy.core.lifecycle.Event;
import dev.envy.core.lifecycle.TimerKey;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * {@link TimerPort} on one daemon-thread {@link ScheduledThreadPoolExecutor}; fired timers are posted to the loop, or
 * run their action there ({@link #run}).
 */
public final class ScheduledTimers implements TimerPort {
    private final EventQueue queue;
    private final ScheduledThreadPoolExecutor executor;
    private final Map<TimerKey, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();

    public ScheduledTimers(EventQueue queue) {
        this.queue = queue;
        this.executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "envy-timers");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void schedule(TimerKey key, Duration after) {
        schedule(key, after, () -> true);
    }

    @Override
    public void schedule(TimerKey key, Duration after, java.util.function.BooleanSupplier stillDue) {
        run(key, after, () -> {
            if (stillDue.getAsBoolean()) {
                queue.post(new Event.TimerFired(key));
            }
        });
    }

    @Override
    public void run(TimerKey key, Duration after, Runnable action) {
        cancel(key);
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        synchronized (pending) {
            self[0] = executor.schedule(() -> fire(key, self, action), Math.max(0, after.toNanos()),
                    TimeUnit.NANOSECONDS);
            pending.put(key, self[0]);
        }
    }

    private void fire(TimerKey key, ScheduledFuture<?>[] self, Runnable action) {
        synchronized (pending) {
            if (pending.get(key) != self[0]) {
                return; // cancelled or replaced while firing
            }
            pending.remove(key);
        }
        action.run();
    }

    @Override
    public void cancel(TimerKey key) {
        synchronized (pending) {
            ScheduledFuture<?> f = pending.remove(key);
            if (f != null) {
                f.cancel(false);
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        pending.clear();
    }
}

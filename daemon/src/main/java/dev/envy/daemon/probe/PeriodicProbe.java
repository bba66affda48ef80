package dev.envy.daemon.probe;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs one attempt at a time, every interval, until one passes (then {@code onPass} once) or it is closed. */
final class PeriodicProbe implements ProbeHandle {

    private final ScheduledExecutorService scheduler;
    private final Probes.Attempt attempt;
    private final long intervalNanos;
    private final Runnable onPass;
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile ScheduledFuture<?> next;

    PeriodicProbe(ScheduledExecutorService scheduler, Probes.Attempt attempt, Duration interval, Runnable onPass) {
        this.scheduler = scheduler;
        this.attempt = attempt;
        this.intervalNanos = interval.toNanos();
        this.onPass = onPass;
    }

    void startAfter(Duration delay) {
        scheduleIn(delay.toNanos());
    }

    private void scheduleIn(long nanos) {
        if (finished.get()) {
            return;
        }
        try {
            next = scheduler.schedule(this::tick, Math.max(0, nanos), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            finished.set(true); // the probes are shut down
        }
    }

    private void tick() {
        if (finished.get()) {
            return;
        }
        long started = System.nanoTime();
        CompletableFuture<Boolean> result;
        try {
            result = attempt.get();
        } catch (RuntimeException e) {
            result = CompletableFuture.completedFuture(false);
        }
        result.whenComplete((passed, failure) -> {
            if (Boolean.TRUE.equals(passed)) {
                if (finished.compareAndSet(false, true)) {
                    onPass.run();
                }
            } else {
                scheduleIn(intervalNanos - (System.nanoTime() - started));
            }
        });
    }

    @Override
    public void onLine(String line) {
        // not a log check
    }

    @Override
    public void close() {
        if (finished.compareAndSet(false, true)) {
            ScheduledFuture<?> pending = next;
            if (pending != null) {
                pending.cancel(false);
            }
        }
        attempt.cancel();
    }
}

package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Liveness;
import dev.envy.core.manifest.RestartPolicy;

import java.time.Duration;

/**
 * RD-2 and RD-3: whether a live service is still well, decided on timers of the daemon's loop and the results of
 * liveness checks (so nothing runs between checks). Both end the same way for a service that is not: it is stopped
 * the way any stop goes (signal or shutdown command, SIGKILL after stop-timeout) and then handled as a failed exit by
 * its restart policy ({@link AfterStop#APPLY_POLICY}), its message saying why.
 *
 * <ul>
 *   <li>Watchdog: from the moment the service is ready (its readiness check passed, or at the spawn without one:
 *       while it starts, {@code readiness.timeout} is what bounds it), each {@code WATCHDOG=1} restarts a timer of
 *       the {@code watchdog} duration; when it fires, the service is stopped ({@code watchdog timeout}).
 *       {@code WATCHDOG=trigger} stops it at once.</li>
 *   <li>Liveness: once the service is ready, a check every {@code period} (the first after {@code initial-delay});
 *       {@code failure-threshold} failures in a row make it {@code unhealthy}. With {@code restart = "no"} it keeps
 *       running, unhealthy and not ready, checks going on, until one passes; with a restart policy it is stopped and
 *       restarted by that policy.</li>
 * </ul>
 */
final class Health {
    private Health() {
    }

    /** {@code s} became ready (its check passed, or it has none): its watchdog and its liveness checks begin. */
    static void becameReady(Step st, ServiceState s) {
        s.spec().watchdog().ifPresent(d -> st.schedule(watchdogKey(s), d));
        s.spec().liveness().ifPresent(l -> st.emit(check(st, s, l, l.initialDelay())));
    }

    /** A datagram of the current process: {@code WATCHDOG=1} restarts the watchdog, {@code WATCHDOG=trigger} fires it. */
    static void notified(Step st, ServiceState s, NotifyMessage m) {
        if (s.spec().watchdog().isEmpty() || !isWatched(s)) {
            return;
        }
        if (m.watchdogTrigger()) {
            st.cancel(watchdogKey(s));
            stopForPolicy(st, s, "watchdog timeout: the service sent WATCHDOG=trigger");
        } else if (m.watchdog() && s.status() == ServiceStatus.RUNNING) {
            st.schedule(watchdogKey(s), s.spec().watchdog().get());
        }
    }

    /** The watchdog timer fired: no {@code WATCHDOG=1} came for the whole duration. */
    static void watchdogExpired(Step st, ServiceState s) {
        if (isWatched(s)) {
            stopForPolicy(st, s, "watchdog timeout: no WATCHDOG=1 within "
                    + Durations.words(s.spec().watchdog().orElse(Duration.ZERO)));
        }
    }

    /**
     * The next liveness check of {@code s}'s process, {@code after} from now. It runs without another word from the
     * supervisor: an unwell stop cancels it by its key, and the result of a check that ran anyway, on a process that is
     * no longer the service's running one, is ignored ({@link #livenessChecked}), which ends the round of checks.
     */
    private static Effect.CheckLiveness check(Step st, ServiceState s, Liveness l, Duration after) {
        return new Effect.CheckLiveness(livenessKey(s), aligned(st.now, after), s.name(), s.pid(), l,
                s.spec().workingDir(), s.environment());
    }

    /** The coarsest grid liveness checks are due on: a check is due within half of it of its time. */
    static final Duration CHECK_GRAIN = Duration.ofMillis(250);

    /**
     * {@code after}, moved so that {@code now + after} falls on a grid of {@link #CHECK_GRAIN} (or a twentieth of
     * {@code after} if that is finer): the nearest point, so within 2.5 % of the delay and no drift from one period to
     * the next. The checks of services that became ready within the same quarter second then fall due together and
     * share the daemon's wake-ups, as timers do with systemd's {@code AccuracySec} and the kernel's timer slack.
     */
    static Duration aligned(java.time.Instant now, Duration after) {
        long grain = Math.min(CHECK_GRAIN.toMillis(), after.toMillis() / 20);
        if (grain < 1) {
            return after;
        }
        long nowMillis = now.toEpochMilli();
        long due = nowMillis + after.toMillis();
        long nearest = Math.floorDiv(due + grain / 2, grain) * grain;
        return Duration.ofMillis(Math.max(0, nearest - nowMillis));
    }

    /** One liveness check ended. */
    static void livenessChecked(Step st, Event.LivenessChecked e) {
        ServiceState s = st.get(e.service());
        if (s == null || s.status() != ServiceStatus.RUNNING || s.pid() != e.pid() || s.spec().liveness().isEmpty()) {
            return;
        }
        Liveness l = s.spec().liveness().get();
        if (e.passed()) {
            st.put(s.livenessPassed());
        } else {
            int failures = s.livenessFailures() + 1;
            String why = failures < l.failureThreshold() ? null : "unhealthy: liveness check failed " + failures
                    + (failures == 1 ? " time" : " times in a row");
            if (why != null && s.spec().restart().policy() != RestartPolicy.NO) {
                stopForPolicy(st, s, why);
                return;
            }
            st.put(s.livenessFailed(why));
        }
        st.emit(check(st, s, l, l.period()));
    }

    /** Stops {@code s} to be handled by its restart policy once its process is gone, with {@code why} shown. */
    private static void stopForPolicy(Step st, ServiceState s, String why) {
        if (s.status() == ServiceStatus.STARTING && s.spec().readiness().isPresent()) {
            st.emit(new Effect.StopProbe(s.name()));
            st.cancel(new TimerKey(TimerKey.Kind.READINESS_TIMEOUT, s.name(), s.generation()));
        }
        st.cancel(livenessKey(s));
        st.put(s.stopping(AfterStop.APPLY_POLICY, st.now).withMessage(why));
    }

    /** A process that is starting or running (not one envy is stopping anyway). */
    private static boolean isWatched(ServiceState s) {
        return s.pid() > 0 && (s.status() == ServiceStatus.STARTING || s.status() == ServiceStatus.RUNNING);
    }

    private static TimerKey watchdogKey(ServiceState s) {
        return new TimerKey(TimerKey.Kind.WATCHDOG, s.name(), s.generation());
    }

    private static TimerKey livenessKey(ServiceState s) {
        return new TimerKey(TimerKey.Kind.LIVENESS, s.name(), s.generation());
    }
}

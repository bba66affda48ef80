package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Signal;

import java.time.Duration;
import java.util.Optional;

/**
 * STA-4/5/7: what becomes of a service whose process exited without being asked to. Exit 0 is {@code completed},
 * anything else {@code failed}; an exit code 128+N (the shell's report of a child killed by signal N) counts as that
 * signal. The restart policy may turn either into {@code backoff}: the delay is {@code restart-delay × 2^n} for the
 * n-th restart in a row, capped at 30 s; after {@code max-restarts} restarts in a row the service is {@code failed}
 * for good. A run that stayed up at least {@link #STABLE_RUN} resets the count, without any timer: the spawn time is
 * compared with the exit time.
 */
final class RestartPolicyDecider {
    static final Duration STABLE_RUN = Duration.ofSeconds(10);
    static final Duration MAX_DELAY = Duration.ofSeconds(30);

    private RestartPolicyDecider() {
    }

    static void exitedByItself(Step st, ServiceState s, int exitCode, Optional<Signal> signal) {
        Signal sig = signal.orElse(exitCode > 128 && exitCode <= 128 + 64
                ? Signal.ofNumber(exitCode - 128).orElse(null) : null);
        int code = signal.isPresent() ? -1 : exitCode;
        boolean success = sig == null && code == 0;
        String what = sig != null ? "killed by " + sig.fullName() : "failed with exit code " + code;
        boolean restart = switch (s.spec().restart().policy()) {
            case NO -> false;
            case ON_FAILURE -> !success;
            case ALWAYS -> true;
        };
        int streak = ranLongEnough(s, st.now) ? 0 : s.restarts();
        if (!restart) {
            st.put(s.ended(success ? ServiceStatus.COMPLETED : ServiceStatus.FAILED, code, sig,
                    success ? null : what, st.now).withRestarts(streak));
            return;
        }
        restartOrGiveUp(st, s, code, sig, streak, success ? "exited with code 0" : what);
    }

    /**
     * RD-2, RD-3: envy stopped {@code s} because it was not well ({@code s.message()} says why): a failure, so
     * {@code on-failure} and {@code always} restart it (counting towards {@code max-restarts}) and {@code no} leaves it
     * {@code failed} with that message.
     */
    static void unwell(Step st, ServiceState s, int code, dev.envy.core.manifest.Signal sig) {
        String why = s.message() == null ? "not well" : s.message();
        int streak = ranLongEnough(s, st.now) ? 0 : s.restarts();
        if (s.spec().restart().policy() == dev.envy.core.manifest.RestartPolicy.NO) {
            st.put(s.ended(ServiceStatus.FAILED, code, sig, why, st.now).withRestarts(streak));
            return;
        }
        restartOrGiveUp(st, s, code, sig, streak, why);
    }

    private static void restartOrGiveUp(Step st, ServiceState s, int code, Signal sig, int streak, String reason) {
        if (streak >= s.spec().restart().maxRestarts()) {
            st.put(s.ended(ServiceStatus.FAILED, code, sig, "gave up after " + streak + " restart"
                    + (streak == 1 ? "" : "s") + " (" + reason + ")", st.now).withRestarts(streak));
            return;
        }
        Duration delay = delay(s.spec().restart().delay(), streak);
        st.put(s.ended(ServiceStatus.BACKOFF, code, sig, null, st.now)
                .backoff(streak + 1, reason + "; restarting in " + Durations.words(delay), st.now));
        st.schedule(new TimerKey(TimerKey.Kind.BACKOFF, s.name(), s.generation()), delay);
    }

    /** {@code base × 2^n}, capped at 30 s (or at {@code base} when that is longer). */
    static Duration delay(Duration base, int n) {
        Duration cap = base.compareTo(MAX_DELAY) > 0 ? base : MAX_DELAY;
        Duration d = base;
        for (int i = 0; i < n && d.compareTo(cap) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(cap) > 0 ? cap : d;
    }

    private static boolean ranLongEnough(ServiceState s, java.time.Instant now) {
        return s.startedAt() != null && Duration.between(s.startedAt(), now).compareTo(STABLE_RUN) >= 0;
    }
}

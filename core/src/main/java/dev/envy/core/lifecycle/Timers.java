package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Signal;

/** A fired timer acts only if it still belongs to the service's current generation and status. */
final class Timers {
    /** ◆ A freshly started daemon exits if no activation or hold arrives within this time. */
    static final java.time.Duration IDLE = java.time.Duration.ofSeconds(10);
    static final TimerKey IDLE_KEY = new TimerKey(TimerKey.Kind.IDLE, "", 0);

    private Timers() {
    }

    static void fired(Step st, TimerKey key) {
        switch (key.kind()) {
            case IDLE -> {
                if (st.phase == Phase.SERVING && st.unheld()) {
                    Teardown.begin(st, false);
                }
            }
            case CLAIM -> Activations.unclaimed(st, key.subject());
            case SETTLE -> { } // the waits are evaluated after every event: a settled service is now up
            case PATHS_CHANGED -> PathChanges.settled(st, key.subject());
            case LIVENESS -> { } // the key of a pending check, which runs by itself when due (Effect.CheckLiveness)
            case WATCHDOG -> {
                ServiceState s = st.get(key.subject());
                if (s != null && s.generation() == key.generation()) {
                    Health.watchdogExpired(st, s);
                }
            }

            case REQUEST -> {
                try {
                    Waits.timedOut(st, Long.parseLong(key.subject()));
                } catch (NumberFormatException e) {
                    // not a timer this supervisor scheduled
                }
            }
            case BACKOFF -> {
                ServiceState s = current(st, key, ServiceStatus.BACKOFF);
                if (s != null && st.phase == Phase.SERVING) {
                    st.put(s.waiting(st.now).withRestarts(s.restarts()));
                }
            }
            case READINESS_TIMEOUT -> {
                ServiceState s = current(st, key, ServiceStatus.STARTING);
                if (s != null && s.pid() > 0) {
                    st.emit(new Effect.StopProbe(s.name()));
                    boolean notify = s.spec().readiness().map(r -> r.viaNotify()).orElse(false);
                    String why = (notify ? "sent no READY=1 within " : "readiness check did not pass within ")
                            + Durations.words(s.spec().readiness().map(r -> r.timeout()).orElse(java.time.Duration.ZERO));
                    st.put(s.stopping(AfterStop.FAIL, st.now).withMessage(why));
                }
            }
            case STOP_TIMEOUT -> {
                ServiceState s = current(st, key, ServiceStatus.STOPPING);
                if (s != null && s.signalled() && s.pid() > 0) {
                    st.emit(new Effect.KillTree(s.name(), s.pid()));
                    String why = s.afterStop() == AfterStop.FAIL || s.afterStop() == AfterStop.APPLY_POLICY
                            ? s.message()
                            : "did not stop within " + Durations.words(s.spec().stop().timeout()) + "; killed";
                    st.put(s.signalledWith(Signal.KILL, why));
                }
            }
        }
    }

    private static ServiceState current(Step st, TimerKey key, ServiceStatus expected) {
        ServiceState s = st.get(key.subject());
        return s != null && s.status() == expected && s.generation() == key.generation() ? s : null;
    }
}

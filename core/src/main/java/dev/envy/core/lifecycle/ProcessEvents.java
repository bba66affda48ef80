package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Readiness;
import dev.envy.core.manifest.Signal;

import java.util.Optional;

/**
 * What the daemon reports about processes. An event for a pid or generation the state does not expect is out of
 * date and changes nothing, except a spawn nobody waits for: that process is killed so no duplicate survives.
 */
final class ProcessEvents {
    private ProcessEvents() {
    }

    static void spawned(Step st, Event.Spawned e) {
        ServiceState s = st.get(e.service());
        if (s != null && s.spawnPending()) {
            java.time.Instant at = e.at().filter(t -> t.isBefore(st.now)).orElse(st.now);
            ServiceState now = s.spawned(e.pid(), e.startTime(), at);
            st.put(now);
            if (now.status() == ServiceStatus.STARTING) {
                Readiness r = now.spec().readiness().orElseThrow();
                if (!r.viaNotify()) { // RD-1: a notify service says READY=1 itself; only the timeout applies
                    st.emit(new Effect.StartProbe(e.service(), e.pid(), r, now.spec().workingDir(),
                            now.environment()));
                }
                st.schedule(new TimerKey(TimerKey.Kind.READINESS_TIMEOUT, e.service(), now.generation()),
                        r.timeout());
            } else if (now.status() == ServiceStatus.RUNNING) {
                // from the spawn: the window overlaps the rest of a burst of spawns and the events it left to take
                java.time.Duration past = java.time.Duration.between(at, st.now);
                st.schedule(new TimerKey(TimerKey.Kind.SETTLE, e.service(), now.generation()),
                        past.compareTo(Settling.WINDOW) >= 0 ? java.time.Duration.ZERO : Settling.WINDOW.minus(past));
                Health.becameReady(st, now);
            }
        } else if (s == null || !s.hasProcess() || s.pid() != e.pid()) {
            st.emit(new Effect.KillTree(e.service(), e.pid()));
        }
    }

    static void spawnFailed(Step st, Event.SpawnFailed e) {
        ServiceState s = st.get(e.service());
        if (s == null || !s.spawnPending()) {
            return;
        }
        String why = "could not start: " + e.reason();
        if (s.status() == ServiceStatus.STOPPING) {
            finishStop(st, s, -1, Optional.empty());
        } else {
            st.put(s.ended(ServiceStatus.FAILED, -1, null, why, st.now));
        }
    }

    static void probePassed(Step st, Event.ProbePassed e) {
        ServiceState s = st.get(e.service());
        if (s != null && s.status() == ServiceStatus.STARTING && s.pid() == e.pid() && s.pid() > 0) {
            st.cancel(new TimerKey(TimerKey.Kind.READINESS_TIMEOUT, s.name(), s.generation()));
            st.put(s.readyNow(st.now));
            Health.becameReady(st, s);
        }
    }

    /**
     * RD-1: what the process said over sd_notify. {@code READY=1} makes a starting notify service ready (as a passed
     * probe would); {@code STATUS=} and {@code MAINPID=} are kept for status while the process lives; RD-2:
     * {@code WATCHDOG=1} keeps its watchdog from firing.
     */
    static void notified(Step st, Event.Notified e) {
        ServiceState s = st.get(e.service());
        if (s == null || !s.hasProcess() || s.pid() != e.pid()) {
            return;
        }
        NotifyMessage m = e.message();
        s = s.notified(m.status().orElse(s.statusText()), m.mainPid().orElse(s.mainPid()));
        st.put(s);
        if (m.ready() && s.status() == ServiceStatus.STARTING && s.spec().readiness().map(Readiness::viaNotify).orElse(false)) {
            st.cancel(new TimerKey(TimerKey.Kind.READINESS_TIMEOUT, s.name(), s.generation()));
            st.put(s.readyNow(st.now));
            Health.becameReady(st, s);
        }
        Health.notified(st, st.get(s.name()), m);
    }

    static void exited(Step st, Event.Exited e) {
        ServiceState s = st.get(e.service());
        if (s == null || !s.hasProcess() || s.pid() != e.pid()) {
            return;
        }
        switch (s.status()) {
            case STOPPING -> finishStop(st, s, e.exitCode(), e.signal());
            case STARTING, RUNNING -> {
                if (s.status() == ServiceStatus.STARTING && s.spec().readiness().isPresent()) {
                    st.emit(new Effect.StopProbe(s.name()));
                    st.cancel(new TimerKey(TimerKey.Kind.READINESS_TIMEOUT, s.name(), s.generation()));
                }
                if (Settling.cannotRun(s, e.exitCode(), e.signal(), st.now)) {
                    st.put(s.ended(ServiceStatus.FAILED, e.exitCode(), null,
                            Settling.whyNot(s.spec().command(), e.exitCode()), st.now));
                    return;
                }
                RestartPolicyDecider.exitedByItself(st, s, e.exitCode(), e.signal());
            }
            case NOT_STARTED, WAITING, BLOCKED, STOPPED, COMPLETED, FAILED, BACKOFF -> { }
        }
    }

    /** A stopping service's process is gone: it becomes what its stop was for (STA-6: with the signal envy sent). */
    static void finishStop(Step st, ServiceState s, int exitCode, Optional<Signal> signal) {
        RecoveryPlanner.stopped(st, s);
        if (s.signalled()) {
            st.cancel(new TimerKey(TimerKey.Kind.STOP_TIMEOUT, s.name(), s.generation()));
        }
        int code = signal.isPresent() ? -1 : exitCode;
        switch (s.afterStop()) {
            case STAY_STOPPED -> {
                String why = s.signalled()
                        ? s.messageText().orElse(s.signal() == null ? "stopped by its shutdown command"
                                : "stopped by " + s.signal().fullName())
                        : "exited while stopping";
                st.put(s.ended(ServiceStatus.STOPPED, code, s.signal(), why, st.now).withRestarts(s.restarts()));
            }
            case START -> st.put(s.ended(ServiceStatus.STOPPED, code, s.signal(), null, st.now).waiting(st.now));
            case FAIL -> st.put(s.ended(ServiceStatus.FAILED, code, s.signal(), s.message(), st.now));
            case APPLY_POLICY -> RestartPolicyDecider.unwell(st, s, code, s.signal());
            case FORGET -> st.services.remove(s.name());
        }
    }
}

package dev.envy.core.lifecycle;

import dev.envy.core.graph.ServiceGraph;
import dev.envy.core.manifest.Condition;
import dev.envy.core.manifest.Resolution;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.manifest.Signal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Moves every service as far as the current state allows, after each event: a {@code waiting} service whose
 * dependencies all meet their condition is spawned (so independent services start in parallel, level by level,
 * ST-3); one whose dependency can no longer meet it is {@code blocked} (ST-9); a {@code stopping} service is
 * signalled once no dependent that is stopping too still has a process (SP-3). Repeats until nothing changes.
 */
final class Reconciler {
    private Reconciler() {
    }

    static void run(Step st) {
        int limit = 4 * st.services.size() + 4;
        for (int round = 0; round < limit; round++) {
            boolean changed = false;
            ServiceGraph graph = st.graph();
            for (String name : graph.startOrder()) { // RS-9 first, so a dependent is stopping before its dependency
                ServiceState s = st.get(name);
                changed |= s != null && Cascades.follow(st, s);
            }
            for (String name : graph.startOrder()) {
                ServiceState s = st.get(name);
                if (s == null) {
                    continue;
                }
                changed |= switch (s.status()) {
                    case WAITING -> advance(st, s);
                    case STOPPING -> signalOnceDependentsAreGone(st, graph, s);
                    case NOT_STARTED, BLOCKED, STARTING, RUNNING, STOPPED, COMPLETED, FAILED, BACKOFF -> false;
                };
            }
            if (!changed) {
                return;
            }
        }
    }

    private static boolean advance(Step st, ServiceState s) {
        ServiceSpec spec = st.manifest.services().get(s.name());
        if (spec == null) {
            st.services.remove(s.name());
            return true;
        }
        if (st.phase != Phase.SERVING) {
            st.put(s.ended(ServiceStatus.STOPPED, -1, null, "stopped before it started", st.now));
            return true;
        }
        boolean pending = false;
        for (Map.Entry<String, Condition> dep : spec.dependsOn().entrySet()) {
            ServiceState d = st.get(dep.getKey());
            switch (verdict(d, dep.getValue())) {
                case MET -> { }
                case PENDING -> pending = true;
                case BLOCKED -> {
                    st.put(s.blocked("blocked: dependency " + dep.getKey() + " " + why(d), st.now));
                    return true;
                }
            }
        }
        if (pending) {
            return false;
        }
        Map<String, Integer> ports = Map.of();
        if (!spec.ports().isEmpty()) {
            PortAllocation.Outcome allocated = PortAllocation.choose(st, s, spec);
            if (allocated.failure().isPresent()) {
                st.put(s.ended(ServiceStatus.FAILED, -1, null, allocated.failure().get(), st.now));
                return true;
            }
            ports = allocated.ports();
        }
        Map<String, String> environment = PortAllocation.environment(st, s.name(), st.environmentOf(s.name()), ports);
        List<String> errors = new ArrayList<>();
        ServiceSpec resolved = Resolution.atSpawn(spec, environment, errors);
        if (!errors.isEmpty()) {
            st.put(s.ended(ServiceStatus.FAILED, -1, null, "could not start: " + String.join("; ", errors), st.now));
            return true;
        }
        long generation = st.nextGeneration++;
        st.put(s.spawning(resolved, environment, ports, generation, st.now));
        st.emit(Effect.Spawn.of(resolved, environment, ports));
        return true;
    }

    enum Verdict { MET, PENDING, BLOCKED }

    /**
     * Whether dependency {@code d} meets {@code condition}. A dependency that completed (exited 0 by itself) meets
     * every condition: it did start, and it will not become more ready.
     */
    static Verdict verdict(ServiceState d, Condition condition) {
        if (d == null) {
            return Verdict.BLOCKED;
        }
        boolean met = switch (condition) {
            case STARTED -> d.status() == ServiceStatus.RUNNING || d.status() == ServiceStatus.COMPLETED
                    || (d.status() == ServiceStatus.STARTING && d.pid() > 0);
            case READY -> (d.status() == ServiceStatus.RUNNING && d.ready()) || d.status() == ServiceStatus.COMPLETED;
            case COMPLETED -> d.status() == ServiceStatus.COMPLETED;
        };
        if (met) {
            return Verdict.MET;
        }
        return d.comingUp() ? Verdict.PENDING : Verdict.BLOCKED;
    }

    private static String why(ServiceState d) {
        if (d == null) {
            return "is not defined";
        }
        return switch (d.status()) {
            case FAILED -> "failed";
            case BLOCKED -> "is blocked";
            case STOPPED -> "was stopped";
            case STOPPING -> d.afterStop() == AfterStop.FAIL || d.afterStop() == AfterStop.APPLY_POLICY ? "failed" : "was stopped";
            case NOT_STARTED -> "is not started";
            case COMPLETED -> "completed";
            case WAITING, STARTING, RUNNING, BACKOFF -> d.status().word();
        };
    }

    private static boolean signalOnceDependentsAreGone(Step st, ServiceGraph graph, ServiceState s) {
        if (s.signalled() || s.pid() <= 0) {
            return false;
        }
        for (String dependent : graph.dependentsOf(s.name())) {
            ServiceState d = st.get(dependent);
            if (d != null && d.status() == ServiceStatus.STOPPING && (d.hasProcess() || d.spawnPending())) {
                return false;
            }
        }
        ServiceSpec spec = s.spec();
        if (spec.stop().shutdownCommand().isPresent()) {
            st.emit(new Effect.RunShutdownCommand(s.name(), s.pid(), spec.stop().shutdownCommand().get(),
                    spec.workingDir(), s.environment()));
            st.put(s.signalledWith(null, null));
        } else {
            Signal sig = spec.stop().signal();
            st.emit(new Effect.SendSignal(s.name(), s.pid(), sig));
            st.put(s.signalledWith(sig, null));
        }
        st.schedule(new TimerKey(TimerKey.Kind.STOP_TIMEOUT, s.name(), s.generation()), spec.stop().timeout());
        return true;
    }
}

package dev.envy.core.lifecycle;

import dev.envy.core.graph.ServiceGraph;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.protocol.Response;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ST-*: marks the targets and their missing dependencies {@code waiting}; the {@link Reconciler} spawns them as
 * their dependencies come up, and {@link Waits} answers once they are up or have failed.
 */
final class StartPlanner {
    private StartPlanner() {
    }

    /** Start (and Up, with {@code names} empty): every autostart service when no names are given (ST-2). */
    static void request(Step st, long requestId, List<String> names, boolean await, long timeoutMillis) {
        boolean named = !names.isEmpty();
        Set<String> targets = new LinkedHashSet<>();
        if (named) {
            targets.addAll(names);
        } else {
            st.manifest.services().values().stream().filter(ServiceSpec::autostart)
                    .forEach(s -> targets.add(s.name()));
        }
        List<String> notes = new ArrayList<>();
        ServiceGraph graph = st.graph();
        for (String name : graph.startOrder(targets)) {
            ServiceState s = st.get(name);
            if (s.status() == ServiceStatus.RUNNING) {
                notes.add(name + ": already running");
            } else if (s.comingUp()) {
                notes.add(name + ": already starting");
            } else if (s.status() == ServiceStatus.COMPLETED && !named) {
                notes.add(name + ": already completed");
            } else {
                want(st, s);
            }
        }
        List<String> started = startDependencies(st, targets, notes);
        answerOrWait(st, requestId, List.copyOf(targets), started, notes, await, timeoutMillis);
    }

    /**
     * WT-2: waits, starting nothing, until the targets (every autostart service when none are named) are up, or
     * answers at once for those that are not coming up ({@code NAME: not started}, {@code NAME: failed …}).
     */
    static void await(Step st, long requestId, List<String> names, long timeoutMillis) {
        List<String> targets = names.isEmpty()
                ? st.manifest.services().values().stream().filter(ServiceSpec::autostart).map(ServiceSpec::name).toList()
                : List.copyOf(new LinkedHashSet<>(names));
        answerOrWait(st, requestId, targets, List.of(), new ArrayList<>(), true, timeoutMillis);
    }

    /** Makes {@code s} come up: {@code waiting}, or {@code waiting} again once it has stopped. */
    static void want(Step st, ServiceState s) {
        if (s.status() == ServiceStatus.STOPPING) {
            if (s.afterStop() != AfterStop.FORGET) {
                st.put(s.withAfterStop(AfterStop.START));
            }
        } else if (!s.comingUp()) {
            st.put(s.waiting(st.now).withRestarts(0));
        }
    }

    /**
     * ST-1: the transitive dependencies of {@code targets} that are not up (nor completed) are started too, with a
     * note naming who needs them. Returns them in start order.
     */
    static List<String> startDependencies(Step st, Set<String> targets, List<String> notes) {
        ServiceGraph graph = st.graph();
        Set<String> deps = new LinkedHashSet<>();
        for (String t : targets) {
            deps.addAll(graph.dependenciesOf(t));
        }
        deps.removeAll(targets);
        List<String> started = new ArrayList<>();
        for (String dep : graph.startOrder(deps)) {
            ServiceState d = st.get(dep);
            if (d.comingUp() || d.status() == ServiceStatus.COMPLETED) {
                continue;
            }
            want(st, d);
            started.add(dep);
            List<String> needers = graph.startOrder(targets).stream()
                    .filter(t -> graph.dependenciesOf(t).contains(dep)).toList();
            notes.add(dep + ": started (dependency of " + String.join(", ", needers) + ")");
        }
        return started;
    }

    static void answerOrWait(Step st, long requestId, List<String> targets, List<String> startedDeps,
                             List<String> notes, boolean await, long timeoutMillis) {
        if (!await) {
            st.reply(requestId, new Response.Result(0, notes, List.of(), st.views(targets)));
            return;
        }
        List<String> watched = new ArrayList<>(startedDeps);
        targets.stream().filter(t -> !watched.contains(t)).forEach(watched::add);
        watched.sort(java.util.Comparator.comparingInt(st.graph().startOrder()::indexOf));
        Map<String, String> seen = new java.util.HashMap<>();
        for (String w : watched) {
            if (Waits.isUp(st.get(w))) {
                seen.put(w, Waits.progressKey(st.get(w)));
            }
        }
        if (timeoutMillis > 0) {
            st.schedule(Waits.timerOf(requestId), java.time.Duration.ofMillis(timeoutMillis));
        }
        st.waits.add(new Wait.UntilUp(requestId, targets, watched, notes, seen, timeoutMillis));
    }
}

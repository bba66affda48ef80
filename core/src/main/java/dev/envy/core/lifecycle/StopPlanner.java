package dev.envy.core.lifecycle;

import dev.envy.core.graph.ServiceGraph;
import dev.envy.core.protocol.Response;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** SP-*: marks services {@code stopping}; the {@link Reconciler} signals them in reverse dependency order. */
final class StopPlanner {
    private StopPlanner() {
    }

    static void request(Step st, long requestId, List<String> names, boolean await) {
        Set<String> targets = new LinkedHashSet<>(names.isEmpty() ? st.services.keySet() : names);
        ServiceGraph graph = st.graph();
        List<String> notes = new ArrayList<>();
        List<String> stopped = new ArrayList<>();
        for (String name : graph.stopOrder(targets)) {
            if (stop(st, name, AfterStop.STAY_STOPPED)) {
                stopped.add(name);
            } else {
                notes.add(name + ": not running");
            }
        }
        for (String name : graph.startOrder(stopped)) {
            List<String> keepRunning = graph.directDependentsOf(name).stream()
                    .filter(d -> !targets.contains(d) && st.get(d) != null && st.get(d).hasProcess()
                            && st.get(d).status() != ServiceStatus.STOPPING)
                    .toList();
            if (!keepRunning.isEmpty()) {
                notes.add("warning: " + String.join(", ", keepRunning)
                        + (keepRunning.size() == 1 ? " depends on " : " depend on ") + name + " and keep"
                        + (keepRunning.size() == 1 ? "s" : "") + " running");
            }
        }
        List<String> ordered = List.copyOf(targets);
        if (await) {
            java.util.Map<String, Long> generations = new java.util.HashMap<>();
            ordered.forEach(t -> generations.put(t, st.get(t).generation()));
            st.waits.add(new Wait.UntilStopped(requestId, ordered, notes, generations));
        } else {
            st.reply(requestId, new Response.Result(0, notes, List.of(), st.views(ordered)));
        }
    }

    /**
     * Stops one service; returns whether anything was going on (else the caller notes {@code not running}).
     * {@code waiting} and {@code backoff} services have no process: they become {@code stopped} at once (or
     * {@code waiting} again, or are forgotten, as {@code then} says).
     */
    static boolean stop(Step st, String name, AfterStop then) {
        ServiceState s = st.get(name);
        if (s == null) {
            return false;
        }
        switch (s.status()) {
            case WAITING, BACKOFF -> {
                if (s.status() == ServiceStatus.BACKOFF) {
                    st.cancel(new TimerKey(TimerKey.Kind.BACKOFF, name, s.generation()));
                }
                settleWithoutProcess(st, s, then);
                return true;
            }
            case STARTING, RUNNING -> {
                if (s.status() == ServiceStatus.STARTING && s.pid() > 0 && s.spec().readiness().isPresent()) {
                    st.emit(new Effect.StopProbe(name));
                    st.cancel(new TimerKey(TimerKey.Kind.READINESS_TIMEOUT, name, s.generation()));
                }
                st.put(s.stopping(then, st.now));
                return true;
            }
            case STOPPING -> {
                if (s.afterStop() != AfterStop.FORGET) {
                    st.put(s.withAfterStop(then));
                }
                return true;
            }
            case NOT_STARTED, BLOCKED, STOPPED, COMPLETED, FAILED -> {
                if (then == AfterStop.FORGET) {
                    st.services.remove(name);
                } else if (then == AfterStop.START) {
                    st.put(s.waiting(st.now));
                }
                return false;
            }
        }
        return false;
    }

    private static void settleWithoutProcess(Step st, ServiceState s, AfterStop then) {
        switch (then) {
            case STAY_STOPPED, FAIL, APPLY_POLICY -> st.put(s.ended(ServiceStatus.STOPPED, -1, null,
                    s.status() == ServiceStatus.BACKOFF ? "restart cancelled" : "stopped before it started", st.now)
                    .withRestarts(s.restarts()));
            case START -> st.put(s.waiting(st.now).withRestarts(0));
            case FORGET -> st.services.remove(s.name());
        }
    }
}

package dev.envy.core.lifecycle;

import dev.envy.core.manifest.ServiceSpec;

/**
 * RS-9: {@code depends-on = { api = { condition = "ready", restart = true } }}. Whenever api restarts — a request, a
 * crash its restart policy answers, a reload that changed it, anything that stops it to start again or spawns it anew
 * — a dependent with a process is stopped first (so it goes down before api does, as SP-3 orders any stop) and
 * starts again once api meets its condition. A restart is seen in the state alone: api {@code stopping} to start
 * again, in {@code backoff}, or holding a process spawned after the dependent's (generations only grow). Nothing
 * cascades during a teardown.
 */
final class Cascades {
    private Cascades() {
    }

    /** Stops {@code s} to start again when a dependency it restarts with is restarting; whether it did. */
    static boolean follow(Step st, ServiceState s) {
        if (st.phase != Phase.SERVING || !running(s)) {
            return false;
        }
        ServiceSpec spec = st.manifest.services().getOrDefault(s.name(), s.spec());
        for (String dependency : spec.restartsWith()) {
            ServiceState d = st.get(dependency);
            if (d != null && restarting(d, s)) {
                StopPlanner.stop(st, s.name(), AfterStop.START);
                st.put(st.get(s.name()).withMessage("restarting: " + dependency + " restarted"));
                return true;
            }
        }
        return false;
    }

    /** A process (or its spawn) that a cascade stops: {@code starting} or {@code running}. */
    private static boolean running(ServiceState s) {
        return s.status() == ServiceStatus.STARTING || s.status() == ServiceStatus.RUNNING;
    }

    /** {@code d} is restarting, or has restarted since {@code dependent}'s process was spawned. */
    static boolean restarting(ServiceState d, ServiceState dependent) {
        return switch (d.status()) {
            case STOPPING -> d.afterStop() == AfterStop.START;
            case BACKOFF -> true;
            case STARTING, RUNNING -> d.generation() > dependent.generation();
            case NOT_STARTED, WAITING, BLOCKED, STOPPED, COMPLETED, FAILED -> false;
        };
    }
}

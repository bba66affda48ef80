package dev.envy.core.lifecycle;

import dev.envy.core.graph.ServiceGraph;
import dev.envy.core.protocol.Response;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * RS-*: stops the targets (dependents first, as SP-3) with the instruction to start again once exited; the
 * {@link Reconciler} starts them in dependency order once their dependencies are back.
 */
final class RestartPlanner {
    private RestartPlanner() {
    }

    static void request(Step st, long requestId, List<String> names, boolean withDependents, boolean await,
                        long timeoutMillis) {
        ServiceGraph graph = st.graph();
        Set<String> targets = new LinkedHashSet<>();
        if (names.isEmpty()) {
            st.services.values().stream().filter(s -> s.status().isUp() && st.manifest.services().containsKey(s.name()))
                    .forEach(s -> targets.add(s.name()));
        } else {
            targets.addAll(names);
        }
        if (withDependents) {
            for (String t : List.copyOf(targets)) {
                graph.dependentsOf(t).stream().filter(d -> st.get(d).status().isUp()).forEach(targets::add);
            }
        }
        List<String> notes = new ArrayList<>();
        if (targets.isEmpty()) {
            notes.add("nothing is running");
        }
        for (String name : graph.stopOrder(targets)) {
            ServiceState s = st.get(name);
            switch (s.status()) {
                case STARTING, RUNNING, BACKOFF, STOPPING -> StopPlanner.stop(st, name, AfterStop.START);
                case WAITING -> { }
                case NOT_STARTED, BLOCKED, STOPPED, COMPLETED, FAILED -> {
                    StartPlanner.want(st, s);
                    notes.add(name + ": was not running, started");
                }
            }
        }
        List<String> ordered = graph.startOrder(targets);
        List<String> started = StartPlanner.startDependencies(st, targets, notes);
        if (!await) {
            st.reply(requestId, new Response.Result(0, notes, List.of(), st.views(ordered)));
            return;
        }
        StartPlanner.answerOrWait(st, requestId, ordered, started, notes, true, timeoutMillis);
    }
}

package dev.envy.core.lifecycle;

import dev.envy.core.graph.ServiceGraph;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.core.reload.ManifestDiff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * RS-*: stops the targets (dependents first, as SP-3) with the instruction to start again once exited; the
 * {@link Reconciler} starts them in dependency order once their dependencies are back.
 *
 * <p>RS-8: a restart first reads envy.toml ({@link Wait.RestartLoading}), and each target whose own definition changed
 * there (command, vars, working dir, readiness, its environment…) is restarted as it is defined now, with a note
 * saying so. Only the targets change: other changes wait for {@code envy services reload} (a note names them, and
 * UP-3's stale flag stays). A target whose {@code depends-on} changed, or that envy.toml no longer has, cannot be
 * applied alone: it restarts as applied, and the note says that reload applies it. An invalid envy.toml restarts
 * the applied definitions, saying why.
 */
final class RestartPlanner {
    private RestartPlanner() {
    }

    /** RS-8: the manifest a restart asked for; false when no restart asked for it. */
    static boolean loaded(Step st, Event.ManifestLoaded e) {
        return restartFor(st, e.requestId()).map(r -> {
            List<String> notes = st.phase == Phase.SERVING ? adopt(st, targets(st, r), e.manifest(), e.environments())
                    : List.of();
            proceed(st, e.requestId(), r, notes);
            return true;
        }).orElse(false);
    }

    /** RS-8: envy.toml could not be read or is invalid: the applied definitions restart, and the note says why. */
    static boolean rejected(Step st, Event.ManifestRejected e) {
        return restartFor(st, e.requestId()).map(r -> {
            String why = e.message() == null || e.message().isBlank() ? "envy.toml is invalid" : e.message();
            proceed(st, e.requestId(), r, List.of("note: " + why + "; restarted as last applied (`envy check` shows "
                    + "what is wrong)"));
            return true;
        }).orElse(false);
    }

    private static Optional<Request.Restart> restartFor(Step st, long requestId) {
        for (Wait w : st.waits) {
            if (w instanceof Wait.RestartLoading r && r.requestId() == requestId) {
                st.waits.remove(w);
                return Optional.of(r.request());
            }
        }
        return Optional.empty();
    }

    private static void proceed(Step st, long requestId, Request.Restart r, List<String> notes) {
        if (st.phase != Phase.SERVING) {
            st.reply(requestId, new Response.ShuttingDown());
            return;
        }
        request(st, requestId, r, notes);
    }

    /** The services a restart is about: the names given (or every running one), with their dependents if asked. */
    private static Set<String> targets(Step st, Request.Restart r) {
        Set<String> targets = new LinkedHashSet<>();
        if (r.names().isEmpty()) {
            st.services.values().stream().filter(s -> s.status().isUp() && st.manifest.services().containsKey(s.name()))
                    .forEach(s -> targets.add(s.name()));
        } else {
            targets.addAll(r.names());
        }
        if (r.withDependents()) {
            ServiceGraph graph = st.graph();
            for (String t : List.copyOf(targets)) {
                graph.dependentsOf(t).stream().filter(d -> st.get(d).status().isUp()).forEach(targets::add);
            }
        }
        return targets;
    }

    /** RS-8: takes the targets' new definitions from {@code next} where they can be applied alone; the notes. */
    private static List<String> adopt(Step st, Set<String> targets, Manifest next, Environments nextEnvironments) {
        ManifestDiff diff = ManifestDiff.between(st.manifest, st.environments.services(), next,
                nextEnvironments.services());
        List<String> notes = new ArrayList<>();
        Map<String, ServiceSpec> services = new LinkedHashMap<>(st.manifest.services());
        Map<String, Map<String, String>> environments = new LinkedHashMap<>(st.environments.services());
        Set<String> applied = new LinkedHashSet<>();
        for (String t : targets) {
            List<String> reasons = diff.changed().get(t);
            if (diff.removed().contains(t)) {
                notes.add(t + ": no longer in envy.toml; restarted as last applied (`envy services reload` removes it)");
            } else if (reasons != null) {
                ServiceSpec spec = next.services().get(t);
                if (!spec.dependsOn().equals(services.get(t).dependsOn())) {
                    notes.add(t + ": its depends-on changed in envy.toml; restarted as last applied "
                            + "(`envy services reload` applies envy.toml)");
                } else {
                    services.put(t, spec);
                    environments.put(t, nextEnvironments.of(t));
                    applied.add(t);
                    notes.add(t + ": restarted with its new definition from envy.toml (" + String.join(", ", reasons)
                            + ")");
                }
            }
        }
        if (!applied.isEmpty()) {
            Manifest m = st.manifest;
            st.manifest = new Manifest(m.file(), m.version(), m.vars(), m.hook(), m.profile(), m.autoStart(),
                    m.options(), services);
            st.environments = new Environments(st.environments.shared(), environments);
        }
        Set<String> others = new LinkedHashSet<>(diff.changed().keySet());
        others.addAll(diff.added());
        others.addAll(diff.removed());
        others.removeAll(targets);
        if (!others.isEmpty()) {
            notes.add("note: envy.toml also changed " + String.join(", ", others)
                    + "; `envy services reload` applies that");
        }
        return notes;
    }

    private static void request(Step st, long requestId, Request.Restart r, List<String> firstNotes) {
        ServiceGraph graph = st.graph();
        Set<String> targets = targets(st, r);
        List<String> notes = new ArrayList<>(firstNotes);
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
        if (!r.await()) {
            st.reply(requestId, new Response.Result(0, notes, List.of(), st.views(ordered)));
            return;
        }
        StartPlanner.answerOrWait(st, requestId, ordered, started, notes, true, r.timeoutMillis());
    }
}

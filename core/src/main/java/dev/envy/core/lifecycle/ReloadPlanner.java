package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.protocol.Response;
import dev.envy.core.reload.ManifestDiff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * UP-1/UP-2: applies a newly loaded manifest. Removed services are stopped and forgotten; added ones start if the
 * environment's services are up (the detached hold is taken, or any service is waiting, starting, running or in
 * backoff); changed ones, and the ready/completed dependents {@link ManifestDiff#toRestart} names, are restarted if
 * they have a process; unchanged ones are not touched. A service whose spawn or stop is under way is stopped and
 * started again with the newest definition, so racing reloads converge on the last one applied.
 */
final class ReloadPlanner {
    private ReloadPlanner() {
    }

    static void loaded(Step st, Event.ManifestLoaded e) {
        boolean asked = st.waits.removeIf(w -> w instanceof Wait.UntilLoaded l && l.requestId() == e.requestId());
        if (st.phase != Phase.SERVING) {
            return;
        }
        ManifestDiff diff = ManifestDiff.between(st.manifest, st.environments.services(), e.manifest(),
                e.environments().services());
        List<String> notes = apply(st, e.manifest(), e.environments(), diff, diff.toRestart(e.manifest()));
        if (asked) {
            st.reply(e.requestId(), new Response.Result(0, notes, List.of(),
                    st.views(List.copyOf(st.services.keySet()))));
        }
    }

    static void rejected(Step st, Event.ManifestRejected e) {
        boolean asked = st.waits.removeIf(w -> w instanceof Wait.UntilLoaded l && l.requestId() == e.requestId());
        if (!asked) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(e.message() == null || e.message().isBlank() ? "the manifest is invalid; nothing was changed"
                : e.message());
        e.problems().forEach(p -> lines.add(p.format()));
        st.reply(e.requestId(), new Response.Error(2, String.join("\n", lines),
                "fix the manifest and run `envy services reload` again"));
    }

    /** Applies {@code diff}; returns one note per service. */
    static List<String> apply(Step st, Manifest next, Environments environments,
                              ManifestDiff diff, Map<String, String> restart) {
        boolean up = st.hold || st.services.values().stream().anyMatch(ServiceState::comingUp);
        st.manifest = next;
        st.environments = environments;
        Map<String, ServiceState> reordered = new LinkedHashMap<>();
        for (ServiceSpec spec : next.services().values()) {
            ServiceState old = st.services.remove(spec.name());
            reordered.put(spec.name(), old != null ? old : ServiceState.notStarted(spec, st.now));
        }
        reordered.putAll(st.services);
        st.services.clear();
        st.services.putAll(reordered);

        Map<String, String> notes = new LinkedHashMap<>();
        for (String name : diff.unchanged()) {
            notes.put(name, name + ": unchanged");
        }
        Set<String> addedStarted = new LinkedHashSet<>();
        for (String name : diff.added()) {
            ServiceState s = st.get(name);
            if (s != null && up && s.spec().autostart()) {
                StartPlanner.want(st, s);
                addedStarted.add(name);
                notes.put(name, name + ": added");
            } else {
                notes.put(name, name + ": added (not started)");
            }
        }
        List<String> dependencyNotes = new ArrayList<>();
        StartPlanner.startDependencies(st, addedStarted, dependencyNotes);
        for (Map.Entry<String, List<String>> c : diff.changed().entrySet()) {
            ServiceState s = st.get(c.getKey());
            if (s != null && !restart.containsKey(c.getKey())) {
                notes.put(c.getKey(), c.getKey() + ": unchanged");
            }
        }
        for (Map.Entry<String, String> r : restart.entrySet()) {
            ServiceState s = st.get(r.getKey());
            if (s == null || diff.added().contains(r.getKey())) {
                continue;
            }
            notes.put(r.getKey(), restartNote(st, s, r.getValue()));
        }
        List<String> out = new ArrayList<>();
        for (String name : next.services().keySet()) {
            if (notes.containsKey(name)) {
                out.add(notes.get(name));
            }
        }
        for (String name : diff.removed()) {
            StopPlanner.stop(st, name, AfterStop.FORGET);
            out.add(name + ": removed");
        }
        out.addAll(dependencyNotes);
        return out;
    }

    private static String restartNote(Step st, ServiceState s, String reason) {
        String name = s.name();
        return switch (s.status()) {
            case STARTING, RUNNING -> {
                StopPlanner.stop(st, name, AfterStop.START);
                yield name + ": restarted (" + reason + ")";
            }
            case STOPPING -> {
                if (s.afterStop() == AfterStop.START) {
                    yield name + ": restarted (" + reason + ")";
                }
                yield name + ": updated (" + reason + "; stopping)";
            }
            case WAITING, BACKOFF -> name + ": updated (" + reason + "; starts with the new definition)";
            case NOT_STARTED, BLOCKED, STOPPED, COMPLETED, FAILED -> {
                st.put(s.withSpec(st.manifest.services().get(name)));
                yield name + ": updated (" + reason + "; not running)";
            }
        };
    }
}

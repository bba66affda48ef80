package dev.envy.core.manifest;

import dev.envy.core.graph.Cycles;
import dev.envy.core.manifest.ManifestDraft.Dependency;
import dev.envy.core.manifest.ManifestDraft.ServiceDraft;
import dev.envy.core.manifest.Section.Positioned;
import dev.envy.core.text.Suggest;
import org.tomlj.TomlPosition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules that look across the whole manifest, each a function of the draft (shown as {@code file}, checked for
 * {@code system}) returning its {@link Problems}: dependencies that name no service or the service itself, dependency
 * cycles, var reference cycles, unsupported systems. Plain methods called in turn, so the common valid case
 * spins no lambdas at startup.
 */
final class ManifestRules {
    private static final int SHOWN_STEPS = 12;

    private ManifestRules() {
    }

    static Problems dependenciesExist(ManifestDraft draft, String system, String file) {
        Problems problems = new Problems(file);
        Map<String, ServiceDraft> byName = byName(draft);
        for (ServiceDraft service : draft.services()) {
            for (Dependency dep : service.dependencies()) {
                ServiceDraft target = byName.get(dep.name());
                if (dep.name().equals(service.name())) {
                    problems.add(dep.position(), "service '" + service.name() + "' depends on itself",
                            "remove '" + dep.name() + "' from its depends-on");
                } else if (target == null) {
                    problems.add(dep.position(), "service '" + service.name() + "' depends on unknown service '"
                            + dep.name() + "'", () -> Suggest.hint(dep.name(), byName.keySet()));
                } else if (runsOn(service, system) && !runsOn(target, system)) {
                    problems.add(dep.position(), "service '" + service.name() + "' depends on '" + dep.name()
                                    + "', which does not run on " + system,
                            "add \"" + system + "\" to the systems of '" + dep.name() + "', or limit the systems of '"
                                    + service.name() + "'");
                }
            }
        }
        return problems;
    }

    static Problems noDependencyCycles(ManifestDraft draft, String system, String file) {
        Problems problems = new Problems(file);
        Map<String, ServiceDraft> byName = byName(draft);
        Map<String, List<String>> edges = new LinkedHashMap<>();
        for (ServiceDraft service : draft.services()) {
            List<String> targets = new ArrayList<>();
            for (Dependency dep : service.dependencies()) {
                if (!dep.name().equals(service.name()) && byName.containsKey(dep.name())) {
                    targets.add(dep.name());
                }
            }
            edges.put(service.name(), targets);
        }
        for (List<String> cycle : Cycles.in(edges)) {
            ServiceDraft first = byName.get(cycle.getFirst());
            TomlPosition at = first.dependencies().stream().filter(d -> d.name().equals(cycle.get(1)))
                    .map(Dependency::position).findFirst().orElse(first.position());
            problems.add(at, "dependency cycle: " + chain(cycle),
                    "remove one of these depends-on entries");
        }
        return problems;
    }

    static Problems noVarCycles(ManifestDraft draft, String system, String file) {
        Problems problems = new Problems(file);
        Map<String, String> raw = new LinkedHashMap<>();
        Map<String, TomlPosition> at = new HashMap<>();
        for (Positioned.Entry e : draft.vars()) {
            raw.put(e.key(), e.value());
            at.put(e.key(), e.position());
        }
        for (List<String> cycle : Cycles.in(Vars.referenceGraph(raw))) {
            problems.add(at.get(cycle.getFirst()), "variable reference cycle in [vars]: " + chain(cycle),
                    "${NAME} may name another var or the outer environment, but must not lead back to itself");
        }
        return problems;
    }

    static Problems systemSupported(ManifestDraft draft, String system, String file) {
        Problems problems = new Problems(file);
        List<String> systems = draft.options().systems();
        if (!systems.isEmpty() && !systems.contains(system)) {
            problems.add(draft.systemsAt().orElse(null), "this environment does not support " + system,
                    "[options] systems lists " + String.join(", ", systems) + "; add \"" + system
                            + "\" if the environment works here");
        }
        return problems;
    }

    /**
     * {@code a -> b -> a}; a cycle of more than {@value #SHOWN_STEPS} names shows its first and last steps and how many
     * are left out between them, so a thousand-service cycle is one readable line.
     */
    static String chain(List<String> cycle) {
        if (cycle.size() <= SHOWN_STEPS) {
            return String.join(" -> ", cycle);
        }
        int half = SHOWN_STEPS / 2;
        return String.join(" -> ", cycle.subList(0, half)) + " -> … (" + (cycle.size() - 2 * half) + " more) … -> "
                + String.join(" -> ", cycle.subList(cycle.size() - half, cycle.size()));
    }

    static boolean runsOn(ServiceDraft service, String system) {
        return service.spec().systems().isEmpty() || service.spec().systems().contains(system);
    }

    private static Map<String, ServiceDraft> byName(ManifestDraft draft) {
        Map<String, ServiceDraft> map = new LinkedHashMap<>();
        for (ServiceDraft s : draft.services()) {
            map.put(s.name(), s);
        }
        return map;
    }
}

package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Condition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The dependency DAG of the services the supervisor knows (manifest plus removed ones still stopping), computed from
 * each service's {@code depends-on}. Ties are broken by name so every order is deterministic. A dependency on an
 * unknown name is ignored here (the manifest validator rejects it); a cycle cannot stop the sort, its members are
 * appended by name.
 */
final class Dependencies {
    private final Set<String> names;
    private final Function<String, Map<String, Condition>> dependsOn;

    Dependencies(Collection<String> names, Function<String, Map<String, Condition>> dependsOn) {
        this.names = new LinkedHashSet<>(names);
        this.dependsOn = dependsOn;
    }

    /** Every known service, dependencies before dependents (Kahn, ties by name). */
    List<String> startOrder() {
        Map<String, Integer> missing = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        for (String n : names) {
            int count = 0;
            for (String d : dependsOn.apply(n).keySet()) {
                if (names.contains(d) && !d.equals(n)) {
                    count++;
                    dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(n);
                }
            }
            missing.put(n, count);
        }
        TreeSet<String> ready = new TreeSet<>();
        missing.forEach((n, c) -> {
            if (c == 0) {
                ready.add(n);
            }
        });
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String n = ready.pollFirst();
            order.add(n);
            for (String dep : dependents.getOrDefault(n, List.of())) {
                if (missing.merge(dep, -1, Integer::sum) == 0) {
                    ready.add(dep);
                }
            }
        }
        new TreeSet<>(names).stream().filter(n -> !order.contains(n)).forEach(order::add);
        return order;
    }

    /** {@code subset} in start order. */
    List<String> startOrder(Collection<String> subset) {
        Set<String> wanted = Set.copyOf(subset);
        return startOrder().stream().filter(wanted::contains).toList();
    }

    /** {@code subset} in stop order: dependents before their dependencies. */
    List<String> stopOrder(Collection<String> subset) {
        List<String> order = new ArrayList<>(startOrder(subset));
        java.util.Collections.reverse(order);
        return order;
    }

    /** Transitive dependencies of {@code name}, not including it. */
    Set<String> dependenciesOf(String name) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(name));
        while (!todo.isEmpty()) {
            for (String d : dependsOn.apply(todo.pop()).keySet()) {
                if (names.contains(d) && !d.equals(name) && seen.add(d)) {
                    todo.push(d);
                }
            }
        }
        return seen;
    }

    /** Services that list {@code name} directly in their {@code depends-on}, sorted by name. */
    Set<String> directDependentsOf(String name) {
        Set<String> out = new TreeSet<>();
        for (String n : names) {
            if (!n.equals(name) && dependsOn.apply(n).containsKey(name)) {
                out.add(n);
            }
        }
        return out;
    }

    /** Transitive dependents of {@code name}, not including it. */
    Set<String> dependentsOf(String name) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(name));
        while (!todo.isEmpty()) {
            for (String d : directDependentsOf(todo.pop())) {
                if (!d.equals(name) && seen.add(d)) {
                    todo.push(d);
                }
            }
        }
        return seen;
    }
}

package dev.envy.core.graph;

import dev.envy.core.manifest.ServiceSpec;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultEdge;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The startup DAG of a manifest's services (jgrapht): start levels, stop order, transitive dependencies.
 * An edge points from a service to a service it depends on. Immutable once built.
 *
 * <p>Built from a validated manifest it has no cycles; built from anything else it still answers: dependencies on
 * unknown names are ignored, and services on or behind a cycle form one last start level (see {@link #cycles()}).
 * Queries about a name that is not in the graph throw {@link IllegalArgumentException}: check {@link #contains}.
 */
public final class ServiceGraph {
    private final Graph<String, DefaultEdge> graph;
    private final List<List<String>> levels;
    private final Map<String, Integer> levelOf;

    private ServiceGraph(Graph<String, DefaultEdge> graph) {
        this.graph = graph;
        this.levels = computeLevels(graph);
        this.levelOf = new HashMap<>();
        for (int i = 0; i < levels.size(); i++) {
            for (String name : levels.get(i)) {
                levelOf.put(name, i);
            }
        }
    }

    public static ServiceGraph of(Map<String, ServiceSpec> services) {
        Map<String, Collection<String>> dependencies = new LinkedHashMap<>();
        services.forEach((name, spec) -> dependencies.put(name, spec.dependsOn().keySet()));
        return ofDependencies(dependencies);
    }

    /** A graph of {@code dependencies}: service name to the names it depends on. */
    public static ServiceGraph ofDependencies(Map<String, ? extends Collection<String>> dependencies) {
        return new ServiceGraph(Cycles.graphOf(dependencies));
    }

    public boolean contains(String name) {
        return graph.containsVertex(name);
    }

    /** Every service, sorted by name. */
    public Set<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(graph.vertexSet()));
    }

    /**
     * Level 1 = no dependencies; level n = services whose dependencies are all in earlier levels; each level's names
     * sorted. Services on or behind a dependency cycle (an invalid manifest) come last, as one level.
     */
    public List<List<String>> startLevels() {
        return levels;
    }

    /** Every service, dependents before their dependencies: the start levels flattened, in reverse. */
    public List<String> stopOrder() {
        List<String> order = new ArrayList<>(graph.vertexSet().size());
        for (List<String> level : levels.reversed()) {
            order.addAll(level.reversed());
        }
        return List.copyOf(order);
    }

    /** Transitive dependencies of {@code name}, not including it, sorted. */
    public Set<String> dependenciesOf(String name) {
        return reachable(name, graph::outgoingEdgesOf, graph::getEdgeTarget);
    }

    /** Transitive dependents of {@code name}, not including it, sorted. */
    public Set<String> dependentsOf(String name) {
        return reachable(name, graph::incomingEdgesOf, graph::getEdgeSource);
    }

    /** {@code names} (duplicates dropped) ordered for starting: by start level, ties by name. */
    public List<String> startOrder(Collection<String> names) {
        Set<String> unique = new LinkedHashSet<>(names);
        unique.forEach(this::requireKnown);
        List<String> order = new ArrayList<>(unique);
        order.sort(Comparator.comparingInt((String n) -> levelOf.get(n)).thenComparing(Function.identity()));
        return List.copyOf(order);
    }

    /** The dependency cycles, each named in order from its alphabetically first member; empty for a valid manifest. */
    public List<List<String>> cycles() {
        return Cycles.find(graph);
    }

    private Set<String> reachable(String name, Function<String, Set<DefaultEdge>> edges,
                                  Function<DefaultEdge, String> other) {
        requireKnown(name);
        Set<String> seen = new TreeSet<>();
        ArrayDeque<String> queue = new ArrayDeque<>();
        queue.add(name);
        while (!queue.isEmpty()) {
            for (DefaultEdge edge : edges.apply(queue.poll())) {
                String next = other.apply(edge);
                if (!next.equals(name) && seen.add(next)) {
                    queue.add(next);
                }
            }
        }
        return Collections.unmodifiableSet(seen);
    }

    private void requireKnown(String name) {
        if (!graph.containsVertex(name)) {
            throw new IllegalArgumentException("no service named '" + name + "' in the graph");
        }
    }

    /** Kahn's algorithm, one level at a time. */
    private static List<List<String>> computeLevels(Graph<String, DefaultEdge> graph) {
        Map<String, Integer> waitingOn = new HashMap<>();
        List<String> current = new ArrayList<>();
        for (String name : graph.vertexSet()) {
            int deps = graph.outDegreeOf(name);
            waitingOn.put(name, deps);
            if (deps == 0) {
                current.add(name);
            }
        }
        List<List<String>> levels = new ArrayList<>();
        int placed = 0;
        while (!current.isEmpty()) {
            Collections.sort(current);
            levels.add(List.copyOf(current));
            placed += current.size();
            List<String> next = new ArrayList<>();
            for (String done : current) {
                for (DefaultEdge edge : graph.incomingEdgesOf(done)) {
                    String dependent = graph.getEdgeSource(edge);
                    if (waitingOn.merge(dependent, -1, Integer::sum) == 0) {
                        next.add(dependent);
                    }
                }
            }
            current = next;
        }
        if (placed < graph.vertexSet().size()) {
            List<String> stuck = new ArrayList<>();
            waitingOn.forEach((name, left) -> {
                if (left > 0) {
                    stuck.add(name);
                }
            });
            Collections.sort(stuck);
            levels.add(List.copyOf(stuck));
        }
        return List.copyOf(levels);
    }
}

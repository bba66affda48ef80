package dev.envy.core.graph;

import dev.envy.core.manifest.ServiceSpec;
import org.jgrapht.Graph;
import org.jgrapht.alg.cycle.CycleDetector;
import org.jgrapht.graph.AsSubgraph;
import org.jgrapht.graph.EdgeReversedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.traverse.BreadthFirstIterator;
import org.jgrapht.traverse.TopologicalOrderIterator;

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
import java.util.stream.Collectors;

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
    private final List<String> order;

    private ServiceGraph(Graph<String, DefaultEdge> graph) {
        this.graph = graph;
        this.levels = computeLevels(graph);
        this.levelOf = new HashMap<>();
        List<String> all = new ArrayList<>(graph.vertexSet().size());
        for (int i = 0; i < levels.size(); i++) {
            for (String name : levels.get(i)) {
                levelOf.put(name, i);
                all.add(name);
            }
        }
        this.order = List.copyOf(all);
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

    /** Every service, dependencies first: the start levels flattened. */
    public List<String> startOrder() {
        return order;
    }

    /** Every service, dependents before their dependencies: the start levels flattened, in reverse. */
    public List<String> stopOrder() {
        return order.reversed();
    }

    /** {@code names} (duplicates dropped) ordered for stopping: the reverse of {@link #startOrder(Collection)}. */
    public List<String> stopOrder(Collection<String> names) {
        return startOrder(names).reversed();
    }

    /**
     * {@code names} (duplicates dropped) in stop levels, as a stop of all of them proceeds (SP-3): the first level is
     * the names none of the others depends on, and each next level the names whose dependents among them are all in
     * earlier levels; each level sorted. A name not in the graph depends on nothing and has no dependents.
     */
    public List<List<String>> stopLevels(Collection<String> names) {
        Set<String> unique = new LinkedHashSet<>(names);
        Map<String, Integer> levelOf = new HashMap<>();
        List<String> known = new ArrayList<>();
        for (String name : unique) {
            if (contains(name)) {
                known.add(name);
            } else {
                levelOf.put(name, 0);
            }
        }
        int deepest = known.isEmpty() && levelOf.isEmpty() ? -1 : 0;
        for (String name : stopOrder(known)) { // a transitive dependent always comes first
            int level = 0;
            for (String dependent : dependentsOf(name)) {
                Integer l = levelOf.get(dependent);
                if (l != null) {
                    level = Math.max(level, l + 1);
                }
            }
            levelOf.put(name, level);
            deepest = Math.max(deepest, level);
        }
        List<List<String>> levels = new ArrayList<>();
        for (int i = 0; i <= deepest; i++) {
            int at = i;
            levels.add(levelOf.entrySet().stream().filter(e -> e.getValue() == at).map(Map.Entry::getKey).sorted()
                    .toList());
        }
        return List.copyOf(levels);
    }

    /** Transitive dependencies of {@code name}, not including it, sorted. */
    public Set<String> dependenciesOf(String name) {
        return reachable(graph, name);
    }

    /** The services that depend on {@code name} directly, sorted. */
    public Set<String> directDependentsOf(String name) {
        requireKnown(name);
        Set<String> out = new TreeSet<>();
        graph.incomingEdgesOf(name).forEach(e -> out.add(graph.getEdgeSource(e)));
        out.remove(name);
        return Collections.unmodifiableSet(out);
    }

    /** Transitive dependents of {@code name}, not including it, sorted. */
    public Set<String> dependentsOf(String name) {
        return reachable(new EdgeReversedGraph<>(graph), name);
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

    /** Every service {@code name} reaches in {@code edges}, not including it, sorted. */
    private Set<String> reachable(Graph<String, DefaultEdge> edges, String name) {
        requireKnown(name);
        Set<String> seen = new TreeSet<>();
        new BreadthFirstIterator<>(edges, name).forEachRemaining(seen::add);
        seen.remove(name);
        return Collections.unmodifiableSet(seen);
    }

    private void requireKnown(String name) {
        if (!graph.containsVertex(name)) {
            throw new IllegalArgumentException("no service named '" + name + "' in the graph");
        }
    }

    /**
     * The start levels: jgrapht orders the services that are not on or behind a cycle, dependencies first, and each
     * one's level is one more than its deepest dependency's; the rest form one last level.
     */
    private static List<List<String>> computeLevels(Graph<String, DefaultEdge> graph) {
        Set<String> stuck = onOrBehindCycles(graph);
        Graph<String, DefaultEdge> acyclic = new AsSubgraph<>(graph,
                graph.vertexSet().stream().filter(v -> !stuck.contains(v)).collect(Collectors.toSet()));
        Map<String, Integer> level = new HashMap<>();
        List<List<String>> levels = new ArrayList<>();
        new TopologicalOrderIterator<>(new EdgeReversedGraph<>(acyclic)).forEachRemaining(name -> {
            int at = 0;
            for (DefaultEdge edge : acyclic.outgoingEdgesOf(name)) {
                at = Math.max(at, level.get(acyclic.getEdgeTarget(edge)) + 1);
            }
            level.put(name, at);
            if (at == levels.size()) {
                levels.add(new ArrayList<>());
            }
            levels.get(at).add(name);
        });
        if (!stuck.isEmpty()) {
            levels.add(new ArrayList<>(stuck));
        }
        return levels.stream().map(l -> l.stream().sorted().toList()).toList();
    }

    /** The services on a dependency cycle and every one that depends on them, sorted; empty for a valid manifest. */
    private static Set<String> onOrBehindCycles(Graph<String, DefaultEdge> graph) {
        Set<String> onCycles = new CycleDetector<>(graph).findCycles();
        Set<String> stuck = new TreeSet<>();
        if (!onCycles.isEmpty()) {
            new BreadthFirstIterator<>(new EdgeReversedGraph<>(graph), onCycles).forEachRemaining(stuck::add);
        }
        return stuck;
    }
}

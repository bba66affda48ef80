package dev.envy.core.graph;

import org.jgrapht.Graph;
import org.jgrapht.Graphs;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds cycles in a directed graph of names, one per strongly connected component, so the answer stays small and
 * deterministic however tangled the graph is. Each cycle starts and ends at the component's alphabetically first
 * member and is the shortest way round through it, preferring alphabetically earlier steps:
 * {@code [api, db, web, api]}. A self-loop is {@code [a, a]}.
 */
public final class Cycles {
    private Cycles() {
    }

    /** Cycles of {@code edges} (name to the names it points at; targets that are not keys are ignored). */
    public static List<List<String>> in(Map<String, ? extends Collection<String>> edges) {
        return find(graphOf(edges));
    }

    static List<List<String>> find(Graph<String, DefaultEdge> graph) {
        List<List<String>> cycles = new ArrayList<>();
        for (Set<String> component : new KosarajuStrongConnectivityInspector<>(graph).stronglyConnectedSets()) {
            String first = Collections.min(component);
            if (component.size() > 1 || graph.containsEdge(first, first)) {
                cycles.add(shortestCycleThrough(graph, first, component));
            }
        }
        cycles.sort(Comparator.comparing(c -> c.getFirst()));
        return List.copyOf(cycles);
    }

    private static List<String> shortestCycleThrough(Graph<String, DefaultEdge> graph, String start, Set<String> within) {
        if (graph.containsEdge(start, start)) {
            return List.of(start, start);
        }
        Map<String, String> cameFrom = new HashMap<>();
        ArrayDeque<String> queue = new ArrayDeque<>();
        queue.add(start);
        cameFrom.put(start, start);
        while (!queue.isEmpty()) {
            String at = queue.poll();
            List<String> next = new ArrayList<>(Graphs.successorListOf(graph, at));
            Collections.sort(next);
            for (String to : next) {
                if (to.equals(start)) {
                    List<String> cycle = new ArrayList<>();
                    cycle.add(start);
                    for (String step = at; !step.equals(start); step = cameFrom.get(step)) {
                        cycle.add(1, step);
                    }
                    cycle.add(start);
                    return List.copyOf(cycle);
                }
                if (within.contains(to) && !cameFrom.containsKey(to)) {
                    cameFrom.put(to, at);
                    queue.add(to);
                }
            }
        }
        throw new IllegalStateException("no cycle through " + start + " in its strongly connected component");
    }

    /** A jgrapht graph of {@code edges}; edges to names that are not keys are left out. */
    static Graph<String, DefaultEdge> graphOf(Map<String, ? extends Collection<String>> edges) {
        Graph<String, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
        edges.keySet().forEach(graph::addVertex);
        edges.forEach((from, targets) -> {
            for (String to : targets) {
                if (graph.containsVertex(to)) {
                    graph.addEdge(from, to);
                }
            }
        });
        return graph;
    }
}

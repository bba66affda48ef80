package dev.envy.core.graph;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.envy.core.graph.ServiceGraphTest.deps;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CyclesTest {
    @Test
    void acyclicGraphHasNoCycles() {
        assertEquals(List.of(), Cycles.in(ServiceGraphTest.APP));
    }

    @Test
    void selfLoopIsACycleOfOne() {
        assertEquals(List.of(List.of("a", "a")), Cycles.in(deps("a", List.of("a"))));
    }

    @Test
    void cycleIsNamedInDependencyOrderFromItsAlphabeticallyFirstMember() {
        Map<String, List<String>> g = deps("web", List.of("api"), "db", List.of("web"), "api", List.of("db"));

        assertEquals(List.of(List.of("api", "db", "web", "api")), Cycles.in(g));
    }

    @Test
    void cycleOfFiveIsNamedWhole() {
        Map<String, List<String>> g = deps("e", List.of("a"), "a", List.of("b"), "b", List.of("c"), "c", List.of("d"),
                "d", List.of("e"), "x", List.of("a"));

        assertEquals(List.of(List.of("a", "b", "c", "d", "e", "a")), Cycles.in(g));
    }

    @Test
    void separateCyclesAreEachReportedOnceInNameOrder() {
        Map<String, List<String>> g = deps("z", List.of("y"), "y", List.of("z"), "b", List.of("c"), "c", List.of("b"));

        assertEquals(List.of(List.of("b", "c", "b"), List.of("y", "z", "y")), Cycles.in(g));
    }

    @Test
    void tangledComponentReportsItsShortestCycleThroughTheFirstMember() {
        Map<String, List<String>> g = deps("a", List.of("d", "b"), "b", List.of("c"), "c", List.of("a"),
                "d", List.of("a"));

        assertEquals(List.of(List.of("a", "d", "a")), Cycles.in(g));
    }
}

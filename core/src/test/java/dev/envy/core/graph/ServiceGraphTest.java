package dev.envy.core.graph;

import dev.envy.core.manifest.Condition;
import dev.envy.core.manifest.ServiceSpec;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceGraphTest {
    /** web -> api -> db, web -> cache, worker -> db, tool alone. */
    static final Map<String, List<String>> APP = deps(
            "web", List.of("api", "cache"),
            "api", List.of("db"),
            "worker", List.of("db"),
            "db", List.of(),
            "cache", List.of(),
            "tool", List.of());

    @SuppressWarnings("unchecked")
    static Map<String, List<String>> deps(Object... kv) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (List<String>) kv[i + 1]);
        }
        return m;
    }

    @Test
    void startLevelsPutServicesWithoutDependenciesFirstSortedByName() {
        assertEquals(List.of(List.of("cache", "db", "tool"), List.of("api", "worker"), List.of("web")),
                ServiceGraph.ofDependencies(APP).startLevels());
    }

    @Test
    void levelIsOneMoreThanTheDeepestDependency() {
        ServiceGraph g = ServiceGraph.ofDependencies(deps("a", List.of(), "b", List.of("a"), "c", List.of("b"),
                "d", List.of("a", "c")));

        assertEquals(List.of(List.of("a"), List.of("b"), List.of("c"), List.of("d")), g.startLevels());
    }

    @Test
    void stopOrderIsTheStartOrderReversed() {
        assertEquals(List.of("web", "worker", "api", "tool", "db", "cache"), ServiceGraph.ofDependencies(APP).stopOrder());
    }

    @Test
    void dependenciesOfAreTransitiveWithoutTheServiceItself() {
        ServiceGraph g = ServiceGraph.ofDependencies(APP);

        assertEquals(Set.of("api", "cache", "db"), g.dependenciesOf("web"));
        assertEquals(List.of("api", "cache", "db"), List.copyOf(g.dependenciesOf("web")));
        assertEquals(Set.of(), g.dependenciesOf("db"));
    }

    @Test
    void dependentsOfAreTransitiveWithoutTheServiceItself() {
        ServiceGraph g = ServiceGraph.ofDependencies(APP);

        assertEquals(Set.of("api", "web", "worker"), g.dependentsOf("db"));
        assertEquals(Set.of(), g.dependentsOf("web"));
        assertEquals(Set.of("web"), g.dependentsOf("cache"));
    }

    @Test
    void stopLevelsPutEveryDependentOfTheGivenNamesBeforeIt() {
        ServiceGraph g = ServiceGraph.ofDependencies(APP);

        assertEquals(List.of(List.of("tool", "web", "worker"), List.of("api", "cache"), List.of("db")),
                g.stopLevels(List.of("web", "worker", "api", "db", "cache", "tool")));
        // api is not among them: db waits for web, which depends on it through api
        assertEquals(List.of(List.of("web"), List.of("db")), g.stopLevels(List.of("db", "web", "db")));
        assertEquals(List.of(List.of("db", "gone")), g.stopLevels(List.of("gone", "db")));
        assertEquals(List.of(), g.stopLevels(List.of()));
    }

    @Test
    void startOrderOfSomeNamesPutsDependenciesFirstAndTiesByName() {
        ServiceGraph g = ServiceGraph.ofDependencies(APP);

        assertEquals(List.of("db", "tool", "api", "web"), g.startOrder(List.of("web", "tool", "api", "db", "web")));
        assertEquals(List.of(), g.startOrder(List.of()));
    }

    @Test
    void queriesAboutUnknownNamesAreRejected() {
        ServiceGraph g = ServiceGraph.ofDependencies(APP);

        assertFalse(g.contains("nope"));
        assertThrows(IllegalArgumentException.class, () -> g.startOrder(List.of("web", "nope")));
        assertThrows(IllegalArgumentException.class, () -> g.dependentsOf("nope"));
        assertThrows(IllegalArgumentException.class, () -> g.dependenciesOf("nope"));
    }

    @Test
    void ofServiceSpecsFollowsTheirDependsOn() {
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        services.put("web", ServiceSpec.builder("web", "x").dependsOn(Map.of("db", Condition.READY)).build());
        services.put("db", ServiceSpec.of("db", "y"));

        ServiceGraph g = ServiceGraph.of(services);

        assertEquals(List.of(List.of("db"), List.of("web")), g.startLevels());
        assertEquals(Set.of("db", "web"), g.names());
        assertTrue(g.cycles().isEmpty());
    }

    @Test
    void cycleDoesNotCrashAndItsServicesComeLast() {
        ServiceGraph g = ServiceGraph.ofDependencies(deps("a", List.of("b"), "b", List.of("a"), "c", List.of(),
                "d", List.of("a"), "e", List.of("e")));

        assertEquals(List.of(List.of("c"), List.of("a", "b", "d", "e")), g.startLevels());
        assertEquals(List.of(List.of("a", "b", "a"), List.of("e", "e")), g.cycles());
        assertEquals(Set.of("a", "b"), g.dependenciesOf("d"));
        assertEquals(Set.of("a", "d"), g.dependentsOf("b"));
        assertEquals(5, g.stopOrder().size());
    }

    @Test
    void dependenciesOnUnknownNamesAreIgnored() {
        assertEquals(List.of(List.of("a")), ServiceGraph.ofDependencies(deps("a", List.of("ghost"))).startLevels());
    }

    @Test
    void emptyGraphHasNoLevels() {
        ServiceGraph g = ServiceGraph.ofDependencies(Map.of());

        assertEquals(List.of(), g.startLevels());
        assertEquals(List.of(), g.stopOrder());
    }
}

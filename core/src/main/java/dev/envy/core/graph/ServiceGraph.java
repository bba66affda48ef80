package dev.envy.core.graph;

import dev.envy.core.manifest.ServiceSpec;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The startup DAG of a manifest's services (jgrapht): start levels, stop order, transitive dependencies. */
public final class ServiceGraph {

    public static ServiceGraph of(Map<String, ServiceSpec> services) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Level 1 = no dependencies; each level's names sorted. */
    public List<List<String>> startLevels() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Every service, dependents before their dependencies (reverse of the start levels). */
    public List<String> stopOrder() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Transitive dependencies of {@code name}, not including it. */
    public Set<String> dependenciesOf(String name) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Transitive dependents of {@code name}, not including it. */
    public Set<String> dependentsOf(String name) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** {@code names} ordered for starting (dependencies first, ties by name). */
    public List<String> startOrder(Collection<String> names) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}

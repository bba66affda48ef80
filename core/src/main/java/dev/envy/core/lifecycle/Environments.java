package dev.envy.core.lifecycle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The process environments computed for one manifest load (the daemon runs {@code hook.on-activate} once for them).
 *
 * @param shared   what every service starts from, and {@code hook.on-deactivate} runs with: the outer environment,
 *                 {@code [vars]}, the hook's exports, {@code ENVY_PROJECT} and {@code ENVY_ENV}
 * @param services each service's full environment, by name: {@code shared} plus its own vars and
 *                 {@code ENVY_SERVICE}
 */
public record Environments(Map<String, String> shared, Map<String, Map<String, String>> services) {

    public static final Environments NONE = new Environments(Map.of(), Map.of());

    public Environments {
        shared = Collections.unmodifiableMap(new LinkedHashMap<>(shared));
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }

    /** The environment of {@code service}; empty for one the manifest did not have. */
    public Map<String, String> of(String service) {
        return services.getOrDefault(service, Map.of());
    }
}

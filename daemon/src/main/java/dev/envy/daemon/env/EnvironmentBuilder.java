package dev.envy.daemon.env;

import dev.envy.core.lifecycle.Environments;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.Ports;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.manifest.Vars;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Computes each service's full environment once per manifest load, in this order (later wins):
 * the outer environment (the daemon's), {@code [vars]} expanded ({@code ${NAME}} → another var or the outer
 * environment), the exports of {@code hook.on-activate} (run once, by bash, with the above exported, cwd the project
 * root), the service's {@code vars} (expanded against everything before; a reference to an allocated port's variable is
 * kept as written, PT-1), and {@code ENVY_PROJECT}, {@code ENVY_ACTIVE},
 * {@code ENVY_ENV}, {@code ENVY_SERVICE}.
 */
public final class EnvironmentBuilder {

    /** How long {@code hook.on-activate} may run before the load fails. */
    public static final Duration HOOK_DEADLINE = Duration.ofSeconds(60);

    private final HookRunner hooks;

    public EnvironmentBuilder() {
        this(HOOK_DEADLINE);
    }

    public EnvironmentBuilder(Duration hookDeadline) {
        this.hooks = new HookRunner(hookDeadline);
    }

    /**
     * The shared environment and each service's, in manifest order. Runs the hook at most once.
     *
     * @param outerEnvironment the environment envy itself runs in
     * @param projectDir       the canonical project directory ({@code ENVY_PROJECT}, the hook's cwd)
     * @param envId            the environment id ({@code ENVY_ENV})
     * @throws HookFailure when the hook fails, calls {@code exit}, or outlives its deadline
     */
    public Environments build(Manifest manifest, Map<String, String> outerEnvironment, Path projectDir,
                              String envId) throws HookFailure {
        Map<String, String> shared = shared(manifest, outerEnvironment, projectDir, envId);
        Map<String, Map<String, String>> byService = new LinkedHashMap<>();
        for (ServiceSpec service : manifest.services().values()) {
            Map<String, String> env = new LinkedHashMap<>(shared);
            // PT-1: ${PORT_HTTP}, ${WEB_PORT_HTTP} stay as written, for the supervisor to fill in when it spawns
            Map<String, String> outer = new LinkedHashMap<>(shared);
            outer.putAll(Ports.placeholders(manifest, service.name()));
            env.putAll(Vars.expand(service.vars(), outer));
            env.putAll(envyVars(projectDir, envId));
            env.put("ENVY_SERVICE", service.name());
            byService.put(service.name(), Collections.unmodifiableMap(env));
        }
        return new Environments(shared, byService);
    }

    /** The environment common to all services: outer + {@code [vars]} + hook exports + ENVY_PROJECT/ENVY_ENV. */
    public Map<String, String> shared(Manifest manifest, Map<String, String> outerEnvironment, Path projectDir,
                                      String envId) throws HookFailure {
        Map<String, String> env = new LinkedHashMap<>(outerEnvironment);
        env.putAll(Vars.expand(manifest.vars(), outerEnvironment));
        env.putAll(envyVars(projectDir, envId));
        Optional<String> hook = manifest.hook().onActivate().filter(h -> !h.isBlank());
        if (hook.isPresent()) {
            env = new LinkedHashMap<>(hooks.run(hook.get(), env, projectDir));
            env.putAll(envyVars(projectDir, envId));
        }
        return Collections.unmodifiableMap(env);
    }

    /** ENVY_ACTIVE too: a service is inside its environment, so an {@code envy} it runs acts on it (AC-11). */
    private static Map<String, String> envyVars(Path projectDir, String envId) {
        return Map.of("ENVY_PROJECT", projectDir.toString(), "ENVY_ENV", envId, "ENVY_ACTIVE", projectDir.toString());
    }
}

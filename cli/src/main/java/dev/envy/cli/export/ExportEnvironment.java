package dev.envy.cli.export;

import dev.envy.cli.EnvyException;
import dev.envy.cli.activate.EnvironmentChange;
import dev.envy.cli.activate.HookRun;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.Ports;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.manifest.Vars;
import dev.envy.core.runtime.EnvironmentId;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The variables each exported service gets, computed as the daemon computes a service's environment (outer
 * environment, then {@code [vars]} expanded against it, then the exports of {@code hook.on-activate}, run once with
 * bash in the project directory exactly as {@code envy activate} runs it, then the service's {@code vars}, then
 * {@code ENVY_PROJECT}, {@code ENVY_ENV}, {@code ENVY_SERVICE}), but keeping only what the manifest itself puts there:
 * the exporting user's own shell environment is not copied onto a server. So each service's file holds {@code [vars]},
 * the variables the hook set or changed, the service's {@code vars} and the {@code ENVY_*} variables, with the values
 * they have now, and the variables the hook removed are listed to be unset.
 *
 * @param shared       what every service gets: {@code [vars]}, the hook's exports, {@code ENVY_PROJECT}, {@code ENVY_ENV}
 * @param hookVars     what the hook itself needs to run again: {@code [vars]}, {@code ENVY_PROJECT}, {@code ENVY_ENV}
 * @param hookExports  the names the hook exported (set or changed)
 * @param unset        the names the hook removed
 * @param byService    service name to its variables, in manifest order
 * @param outerRefs    var name ({@code [vars]}) to the outer variables its value took at export time
 */
record ExportEnvironment(Map<String, String> shared, Map<String, String> hookVars, Set<String> hookExports,
                         Set<String> unset, Map<String, Map<String, String>> byService,
                         Map<String, Set<String>> outerRefs) {

    /** Runs the hook (when there is one) and computes every service's variables. */
    static ExportEnvironment of(Manifest manifest, Map<String, String> outer, Path projectDir) {
        Map<String, String> envy = new LinkedHashMap<>();
        envy.put("ENVY_PROJECT", projectDir.toString());
        envy.put("ENVY_ENV", EnvironmentId.of(projectDir));
        Map<String, String> vars = Vars.expand(manifest.vars(), outer);

        Map<String, String> before = new LinkedHashMap<>(outer);
        before.putAll(vars);
        before.putAll(envy);
        EnvironmentChange change = hook(manifest, before, projectDir);
        Map<String, String> full = change.applyTo(before);
        full.putAll(envy);

        Map<String, String> hookVars = new LinkedHashMap<>(vars);
        hookVars.putAll(envy);
        Map<String, String> shared = new LinkedHashMap<>(vars);
        change.set().keySet().forEach(k -> shared.put(k, full.get(k)));
        shared.putAll(envy);

        Map<String, Map<String, String>> byService = new LinkedHashMap<>();
        for (ServiceSpec service : manifest.services().values()) {
            // PT-1: systemd allocates no port: each is its base, PORT_HTTP here and WEB_PORT_HTTP elsewhere
            Map<String, String> ports = Ports.visibleTo(manifest, service.name(), String::valueOf);
            Map<String, String> outerOfVars = new LinkedHashMap<>(full);
            outerOfVars.putAll(ports);
            Map<String, String> own = Vars.expand(service.vars(), outerOfVars);
            Map<String, String> env = new LinkedHashMap<>(shared);
            env.keySet().removeAll(envy.keySet());
            env.putAll(ports);
            env.putAll(own);
            env.putAll(envy);
            env.put("ENVY_SERVICE", service.name());
            byService.put(service.name(), Collections.unmodifiableMap(env));
        }
        Set<String> unset = new LinkedHashSet<>(change.unset());
        Map<String, Set<String>> outerRefs = new LinkedHashMap<>();
        manifest.vars().forEach((name, raw) -> {
            Set<String> refs = new LinkedHashSet<>();
            for (String ref : Vars.references(raw)) {
                if (ref.equals(name) || !manifest.vars().containsKey(ref)) {
                    refs.add(ref);
                }
            }
            if (!refs.isEmpty()) {
                outerRefs.put(name, refs);
            }
        });
        return new ExportEnvironment(Collections.unmodifiableMap(shared), Collections.unmodifiableMap(hookVars),
                Collections.unmodifiableSet(new LinkedHashSet<>(change.set().keySet())),
                Collections.unmodifiableSet(unset), Collections.unmodifiableMap(byService),
                Collections.unmodifiableMap(outerRefs));
    }

    private static EnvironmentChange hook(Manifest manifest, Map<String, String> env, Path projectDir) {
        String hook = manifest.hook().onActivate().filter(h -> !h.isBlank()).orElse(null);
        if (hook == null) {
            return new EnvironmentChange(Map.of(), Set.of());
        }
        try {
            HookRun.Outcome outcome = HookRun.run(hook, env, projectDir);
            if (outcome.exitCode() != 0) {
                throw EnvyException.failed("hook.on-activate exited with code " + outcome.exitCode()
                                + ", so the services' environment is not known; nothing was exported",
                        "fix the hook (its output is above), then export again");
            }
            return outcome.exports();
        } catch (IOException e) {
            throw EnvyException.failed("cannot run hook.on-activate with bash: " + e.getMessage(),
                    "install bash, which envy runs every hook and service command with");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EnvyException.failed("interrupted while hook.on-activate ran; nothing was exported", null);
        }
    }
}

package dev.envy.core.reload;

import dev.envy.core.manifest.Condition;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.ServiceSpec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * UP-1/UP-2: the difference between the applied manifest and a new one, service by service.
 *
 * <p>A service is <em>changed</em> when something that shapes its running process changed: its command, its own
 * vars, working dir, readiness check, restart settings, stop settings (signal, timeout, shutdown command),
 * {@code is-daemon}, {@code watchdog}, {@code liveness}, or its computed environment (from {@code [vars]} and the
 * hook's exports). Settings that only say <em>when</em> a service runs ({@code depends-on}, {@code autostart},
 * {@code watch}) are not a change: the new values are adopted without touching the process.
 *
 * @param added     services only in the new manifest, in its order
 * @param removed   services only in the old manifest, in its order
 * @param changed   service name to the reasons its own definition changed ({@code command changed},
 *                  {@code vars changed}, {@code environment changed}…), in new-manifest order
 * @param unchanged services in both manifests with nothing that needs a restart changed, in new-manifest order
 */
public record ManifestDiff(List<String> added, List<String> removed, Map<String, List<String>> changed,
                           List<String> unchanged) {

    public ManifestDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        changed.forEach((name, reasons) -> copy.put(name, List.copyOf(reasons)));
        changed = Collections.unmodifiableMap(copy);
        unchanged = List.copyOf(unchanged);
    }

    /**
     * Compares two manifests. The environments map each service name to its full computed environment (as the
     * daemon's environment builder gives it); a service missing from a map counts as having an empty environment.
     */
    public static ManifestDiff between(Manifest oldManifest, Map<String, Map<String, String>> oldEnvironments,
                                       Manifest newManifest, Map<String, Map<String, String>> newEnvironments) {
        Map<String, ServiceSpec> before = oldManifest.services();
        Map<String, ServiceSpec> after = newManifest.services();
        List<String> added = new ArrayList<>();
        Map<String, List<String>> changed = new LinkedHashMap<>();
        List<String> unchanged = new ArrayList<>();
        for (ServiceSpec now : after.values()) {
            ServiceSpec was = before.get(now.name());
            if (was == null) {
                added.add(now.name());
                continue;
            }
            List<String> reasons = reasons(was, now,
                    oldEnvironments.getOrDefault(now.name(), Map.of()),
                    newEnvironments.getOrDefault(now.name(), Map.of()));
            if (reasons.isEmpty()) {
                unchanged.add(now.name());
            } else {
                changed.put(now.name(), reasons);
            }
        }
        List<String> removed = before.keySet().stream().filter(name -> !after.containsKey(name)).toList();
        return new ManifestDiff(added, removed, changed, unchanged);
    }

    /** Why {@code now} needs a restart where {@code was} ran; empty when it does not. */
    static List<String> reasons(ServiceSpec was, ServiceSpec now, Map<String, String> envBefore,
                                Map<String, String> envAfter) {
        List<String> reasons = new ArrayList<>();
        check(reasons, "command changed", was.command(), now.command());
        check(reasons, "vars changed", was.vars(), now.vars());
        check(reasons, "working-dir changed", was.workingDir(), now.workingDir());
        check(reasons, "readiness changed", was.readiness(), now.readiness());
        check(reasons, "restart settings changed", was.restart(), now.restart());
        check(reasons, "stop settings changed", was.stop(), now.stop());
        check(reasons, "is-daemon changed", was.isDaemon(), now.isDaemon());
        check(reasons, "watchdog changed", was.watchdog(), now.watchdog()); // its WATCHDOG_USEC and socket
        check(reasons, "liveness changed", was.liveness(), now.liveness());
        check(reasons, "ports changed", was.ports(), now.ports());
        // The environment holds the service's own vars too; when those changed, "vars changed" already says why.
        if (!reasons.contains("vars changed")) {
            check(reasons, "environment changed", envBefore, envAfter);
        }
        return reasons;
    }

    private static void check(List<String> reasons, String reason, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            reasons.add(reason);
        }
    }

    /**
     * The services a reload restarts if running: every changed one, plus (transitively) every service of the new
     * manifest that waits with {@code ready}/{@code completed} on one restarted; name to reason
     * ({@code command changed}, {@code dependency db restarted}), in new-manifest order. A service that waits with
     * {@code started} on a restarted one is not restarted: it only needed the dependency to have been spawned.
     * Added services are never in it (they are started, not restarted).
     */
    public Map<String, String> toRestart(Manifest newManifest) {
        Set<String> restarted = new LinkedHashSet<>(changed.keySet());
        boolean grew = true;
        while (grew) {
            grew = false;
            for (ServiceSpec spec : newManifest.services().values()) {
                if (!restarted.contains(spec.name()) && !added.contains(spec.name())
                        && restartedDependency(spec, restarted) != null) {
                    restarted.add(spec.name());
                    grew = true;
                }
            }
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (ServiceSpec spec : newManifest.services().values()) {
            List<String> reasons = changed.get(spec.name());
            if (reasons != null) {
                result.put(spec.name(), String.join(", ", reasons));
            } else if (restarted.contains(spec.name())) {
                result.put(spec.name(), "dependency " + restartedDependency(spec, restarted) + " restarted");
            }
        }
        return Collections.unmodifiableMap(result);
    }

    /** The first dependency (in {@code depends-on} order) that {@code spec} waits on beyond start and that restarts. */
    private static String restartedDependency(ServiceSpec spec, Set<String> restarted) {
        for (Map.Entry<String, Condition> dep : spec.dependsOn().entrySet()) {
            boolean waitsBeyondStart = switch (dep.getValue()) {
                case STARTED -> false;
                case READY, COMPLETED -> true;
            };
            if (waitsBeyondStart && restarted.contains(dep.getKey())) {
                return dep.getKey();
            }
        }
        return null;
    }

    /** Nothing to do: no service added, removed or changed. */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }
}

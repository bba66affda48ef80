package dev.envy.core.reload;

import dev.envy.core.manifest.Manifest;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * UP-1/UP-2: the difference between the applied manifest and a new one, service by service.
 *
 * @param added     services only in the new manifest, in its order
 * @param removed   services only in the old manifest, in its order
 * @param changed   service name to the reasons its own definition changed ({@code command changed},
 *                  {@code vars changed}, {@code environment changed}…), in new-manifest order
 * @param unchanged services whose definition and environment are identical
 */
public record ManifestDiff(List<String> added, List<String> removed, Map<String, List<String>> changed,
                           List<String> unchanged) {

    public static ManifestDiff between(Manifest oldManifest, Map<String, Map<String, String>> oldEnvironments,
                                       Manifest newManifest, Map<String, Map<String, String>> newEnvironments) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /**
     * The services a reload restarts if running: every changed one, plus (transitively) every service of the new
     * manifest that waits with {@code ready}/{@code completed} on one restarted; name to reason
     * ({@code command changed}, {@code dependency db restarted}).
     */
    public Map<String, String> toRestart(Manifest newManifest) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}

package dev.envy.cli;

import dev.envy.core.manifest.LoadResult;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.runtime.ProjectPaths;
import dev.envy.host.manifest.ManifestCache;
import dev.envy.host.manifest.ManifestTrust;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Loads a project's manifest for a command: valid, or an {@link InvalidManifestException} carrying every problem.
 * Through the project's manifest cache ({@code .envy/manifest-cache.json}): an unchanged file is not parsed again.
 */
public final class ManifestFiles {
    private ManifestFiles() {
    }

    public static LoadResult load(Project project, String system) {
        return ManifestCache.in(ProjectPaths.of(project.dir()).stateDir()).load(project.manifest(), system);
    }

    /**
     * The valid manifest; an {@link InvalidManifestException} with its problems, or, for a project whose envy.toml is
     * gone while its daemon runs (HD-7), an {@link EnvyException} saying so (exit 2: nothing was sent or done).
     */
    public static Manifest loadValid(Project project, String system) {
        if (!Files.exists(project.manifest())) {
            throw EnvyException.invalid(project.manifest() + " does not exist (any more): nothing was done",
                    "the daemon runs the services as last loaded; `envy services status`, `stop`, `logs` and "
                            + "`envy down` work without the file; restore it and run `envy services reload` to apply it");
        }
        return switch (load(project, system)) {
            case LoadResult.Loaded loaded -> loaded.manifest();
            case LoadResult.Invalid invalid -> throw new InvalidManifestException(project.manifest(), invalid.problems());
        };
    }

    /**
     * HD-11: refuses, with exit 2 and nothing done, a manifest that someone else could have written and that the user
     * has not allowed as it is now ({@code envy allow}). For the commands that run what it says: its hook and profile
     * ({@code activate}) or its services ({@code up}, {@code services start}/{@code restart}).
     */
    public static void requireAllowed(Project project, Map<String, String> env) {
        var refusal = refusal(project, env);
        if (refusal.isPresent()) {
            throw EnvyException.invalid(refusal.get().message(), refusal.get().hint());
        }
    }

    /**
     * HD-11: why envy would run nothing from the project's manifest until the user allows it; empty when it would
     * run it. A check that cannot be made (an unreadable file or state directory) is a refusal that says so.
     */
    public static java.util.Optional<ManifestTrust.Refusal> refusal(Project project, Map<String, String> env) {
        try {
            return ManifestTrust.of(env).check(project.manifest());
        } catch (IOException e) {
            return java.util.Optional.of(new ManifestTrust.Refusal("cannot tell whether " + project.manifest()
                    + " may be run: " + e.getMessage(),
                    "check that you can read it and your state directory (~/.local/state/envy)"));
        }
    }
}

package dev.envy.cli;

import dev.envy.core.manifest.LoadResult;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.runtime.ProjectPaths;
import dev.envy.host.manifest.ManifestCache;

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

    public static Manifest loadValid(Project project, String system) {
        return switch (load(project, system)) {
            case LoadResult.Loaded loaded -> loaded.manifest();
            case LoadResult.Invalid invalid -> throw new InvalidManifestException(project.manifest(), invalid.problems());
        };
    }
}

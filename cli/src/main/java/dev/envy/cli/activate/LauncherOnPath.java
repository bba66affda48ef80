package dev.envy.cli.activate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * AC-11: {@code envy} is on {@code PATH} inside every activation. The launcher's own directory ({@code bin/} of
 * envy's checkout, which holds nothing but {@code envy}) is put first on the activation's {@code PATH}, unless an
 * {@code envy} on that {@code PATH} already is this launcher (a nested activation, or a link made by
 * {@code envy install}): so the {@code envy} typed inside is the one that activated, and nesting adds nothing.
 * Computed last, after {@code [vars]} and the hook's exports, so neither can take it away.
 */
final class LauncherOnPath {
    private LauncherOnPath() {
    }

    /** The change that puts {@code launcherDir} on {@code env}'s PATH; none when envy is already reachable there. */
    static EnvironmentChange change(Optional<Path> launcherDir, Map<String, String> env) {
        if (launcherDir.isEmpty()) {
            return new EnvironmentChange(Map.of(), Set.of());
        }
        Path launcher = launcherDir.get().resolve("envy");
        String path = env.getOrDefault("PATH", "");
        for (String element : path.split(":", -1)) {
            if (!element.isEmpty() && sameFile(Path.of(element).resolve("envy"), launcher)) {
                return new EnvironmentChange(Map.of(), Set.of());
            }
        }
        String dir = launcherDir.get().toString();
        return new EnvironmentChange(Map.of("PATH", path.isEmpty() ? dir : dir + ":" + path), Set.of());
    }

    private static boolean sameFile(Path candidate, Path launcher) {
        try {
            return Files.isExecutable(candidate) && candidate.toRealPath().equals(launcher.toRealPath());
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return false;
        }
    }
}

package dev.envy.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the environment a command is about: {@code -d/--dir DIR}, else {@code $ENVY_DIR}, else the nearest directory
 * holding an {@code envy.toml}, walking up from the working directory.
 */
public final class ProjectLocator {
    private final Path workingDir;
    private final Map<String, String> env;

    public ProjectLocator(Path workingDir, Map<String, String> env) {
        this.workingDir = workingDir;
        this.env = env;
    }

    /** The directory a command like {@code init} acts on: the named one or the working directory (no walking up). */
    public Path targetDir(Optional<Path> dirOption) {
        return explicitDir(dirOption).orElse(workingDir).toAbsolutePath().normalize();
    }

    /** The project holding the manifest, or an {@link EnvyException} (exit 2) saying where it looked. */
    public Project find(Optional<Path> dirOption) {
        Optional<Path> explicit = explicitDir(dirOption);
        if (explicit.isPresent()) {
            Path dir = explicit.get().toAbsolutePath().normalize();
            String source = dirOption.isPresent() ? "" : " ($ENVY_DIR)";
            if (!Files.isDirectory(dir)) {
                throw EnvyException.invalid("no such directory: " + dir + source, "check the path given to -d/--dir or $ENVY_DIR");
            }
            if (!Files.isRegularFile(dir.resolve(Project.MANIFEST_NAME))) {
                throw EnvyException.invalid("no envy.toml in " + dir + source, "run `envy init` there to create one");
            }
            return Project.at(canonical(dir));
        }
        Path start = workingDir.toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(Project.MANIFEST_NAME))) {
                return Project.at(canonical(dir));
            }
        }
        throw EnvyException.invalid("no envy.toml found in " + start + " or any parent directory",
                "run `envy init` to create one");
    }

    private Optional<Path> explicitDir(Optional<Path> dirOption) {
        if (dirOption.isPresent()) {
            return Optional.of(workingDir.resolve(dirOption.get()));
        }
        String fromEnv = env.get("ENVY_DIR");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(workingDir.resolve(fromEnv));
        }
        return Optional.empty();
    }

    private static Path canonical(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            throw EnvyException.invalid("cannot read " + dir + ": " + e.getMessage(), null);
        }
    }
}

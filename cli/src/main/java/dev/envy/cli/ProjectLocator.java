package dev.envy.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds the environment a command is about (AC-11): {@code -d/--dir DIR}, else {@code $ENVY_DIR}, else the innermost
 * active environment ({@value #ACTIVE}, which every activation exports and a nested one overrides), else the
 * nearest directory holding an {@code envy.toml}, walking up from the working directory. When {@code $ENVY_DIR} or
 * the active environment wins over the working directory's own project, one note says which was used (a {@code -d}
 * the user just typed needs none). {@code envy activate} asks {@link #findForActivation}: it enters the working
 * directory's project, and the active one only where the directory has none.
 */
public final class ProjectLocator {
    /** Exported into every activation (subshell, in place, {@code -- CMD}): the canonical project directory. */
    public static final String ACTIVE = "ENVY_ACTIVE";

    private final Path workingDir;
    private final Map<String, String> env;
    private final Consumer<String> notes;

    public ProjectLocator(Path workingDir, Map<String, String> env) {
        this(workingDir, env, note -> { });
    }

    /** @param notes where the one line goes that says which project was used when it is not the directory's own */
    public ProjectLocator(Path workingDir, Map<String, String> env, Consumer<String> notes) {
        this.workingDir = workingDir;
        this.env = env;
        this.notes = notes;
    }

    /** The directory a command like {@code init} acts on: the named one or the working directory (no walking up). */
    public Path targetDir(Optional<Path> dirOption) {
        return explicitDir(dirOption).orElse(workingDir).toAbsolutePath().normalize();
    }

    /** The project holding the manifest, or an {@link EnvyException} (exit 2) saying where it looked. */
    public Project find(Optional<Path> dirOption) {
        if (dirOption.isPresent()) {
            return named(workingDir.resolve(dirOption.get()), "");
        }
        Optional<Path> fromEnv = envDir("ENVY_DIR").map(workingDir::resolve);
        if (fromEnv.isPresent()) {
            return noteIfNotHere(named(fromEnv.get(), " ($ENVY_DIR)"), "$ENVY_DIR");
        }
        Optional<Path> active = envDir(ACTIVE).map(workingDir::resolve);
        if (active.isPresent()) {
            return noteIfNotHere(active(active.get()), "the active environment");
        }
        return walkUp().orElseThrow(this::noManifest);
    }

    /**
     * The project {@code envy activate} enters: {@code -d}, else {@code $ENVY_DIR}, else the working directory's
     * (walking up), else the active environment (so activating it again says it is already active).
     */
    public Project findForActivation(Optional<Path> dirOption) {
        if (dirOption.isPresent() || envDir("ENVY_DIR").isPresent()) {
            return find(dirOption);
        }
        Optional<Project> here = walkUp();
        if (here.isPresent()) {
            return here.get();
        }
        Optional<Path> active = envDir(ACTIVE).map(workingDir::resolve);
        return active.map(this::active).orElseThrow(this::noManifest);
    }

    private Project noteIfNotHere(Project used, String what) {
        walkUp().filter(here -> !here.dir().equals(used.dir())).ifPresent(here ->
                notes.accept("envy: using " + what + " " + used.dir() + " (the working directory's project is "
                        + here.dir() + ")"));
        return used;
    }

    private Project named(Path dir, String source) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) {
            throw EnvyException.invalid("no such directory: " + abs + source, "check the path given to -d/--dir or $ENVY_DIR");
        }
        if (!Files.isRegularFile(abs.resolve(Project.MANIFEST_NAME))) {
            throw EnvyException.invalid("no envy.toml in " + abs + source, "run `envy init` there to create one");
        }
        return Project.at(canonical(abs));
    }

    private Project active(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs.resolve(Project.MANIFEST_NAME))) {
            throw EnvyException.invalid("the active environment " + abs + " has no envy.toml any more",
                    "name a project with -d DIR, or leave the environment (`exit`)");
        }
        return Project.at(canonical(abs));
    }

    private Optional<Project> walkUp() {
        for (Path dir = workingDir.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(Project.MANIFEST_NAME))) {
                return Optional.of(Project.at(canonical(dir)));
            }
        }
        return Optional.empty();
    }

    private EnvyException noManifest() {
        return EnvyException.invalid("no envy.toml found in " + workingDir.toAbsolutePath().normalize()
                + " or any parent directory", "run `envy init` to create one");
    }

    private Optional<Path> explicitDir(Optional<Path> dirOption) {
        return dirOption.map(workingDir::resolve).or(() -> envDir("ENVY_DIR").map(workingDir::resolve));
    }

    private Optional<Path> envDir(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
    }

    private static Path canonical(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            throw EnvyException.invalid("cannot read " + dir + ": " + e.getMessage(), null);
        }
    }
}

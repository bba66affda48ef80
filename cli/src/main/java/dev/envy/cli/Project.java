package dev.envy.cli;

import java.nio.file.Path;

/**
 * An environment on disk: the canonical project directory and its {@code envy.toml}.
 *
 * @param dir      canonical (real) path of the directory holding the manifest; the environment's identity
 * @param manifest {@code dir/envy.toml}
 */
public record Project(Path dir, Path manifest) {
    public static final String MANIFEST_NAME = "envy.toml";

    public static Project at(Path canonicalDir) {
        return new Project(canonicalDir, canonicalDir.resolve(MANIFEST_NAME));
    }

    /** {@code .envy/logs/daemon.log}. */
    public Path daemonLog() {
        return dir.resolve(".envy").resolve("logs").resolve("daemon.log");
    }
}

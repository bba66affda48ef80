package dev.envy.core.manifest;

import java.nio.file.Path;

/** Reads {@code envy.toml}: parse (tomlj) → normalise → validate. All problems at once, never an exception. */
public final class ManifestLoader {
    private ManifestLoader() {
    }

    /**
     * Loads the manifest file. {@code system} is the current Nix-style system ({@code x86_64-linux}); services and
     * the environment are checked against it.
     */
    public static LoadResult load(Path file, String system) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Loads manifest text as if read from {@code file} (whose file name is used in problems). */
    public static LoadResult parse(String text, Path file, String system) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}

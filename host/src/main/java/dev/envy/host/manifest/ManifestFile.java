package dev.envy.host.manifest;

import dev.envy.core.manifest.LoadResult;
import dev.envy.core.manifest.ManifestLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads {@code envy.toml} for {@link ManifestLoader}, which parses what it is given and reads no file itself. */
public final class ManifestFile {
    private ManifestFile() {
    }

    /**
     * Loads the manifest file; a file that cannot be read is a problem, not an exception. {@code system} as for
     * {@link ManifestLoader#decode}. Without the manifest cache: {@link ManifestCache#load} is that with it.
     */
    public static LoadResult load(Path file, String system) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return ManifestLoader.unreadable(file, "no such file", "run envy init to create one");
        } catch (IOException | RuntimeException e) {
            return ManifestLoader.unreadable(file, e.getMessage(), null);
        }
        return ManifestLoader.decode(bytes, file, system);
    }
}

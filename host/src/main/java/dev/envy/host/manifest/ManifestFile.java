package dev.envy.host.manifest;

import dev.envy.core.manifest.LoadResult;
import dev.envy.core.manifest.ManifestLimits;
import dev.envy.core.manifest.ManifestLoader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads {@code envy.toml} for {@link ManifestLoader}, which parses what it is given and reads no file itself: the one
 * reader of the CLI and the daemon. A file over {@link ManifestLimits#MAX_BYTES} is refused from its size, and no
 * read takes more than one byte over the limit (HD-1): a 50 MB file costs neither side 50 MB.
 */
public final class ManifestFile {
    private ManifestFile() {
    }

    /**
     * Loads the manifest file; a file that cannot be read is a problem, not an exception. {@code system} as for
     * {@link ManifestLoader#decode}. Without the manifest cache: {@link ManifestCache#load} is that with it.
     */
    public static LoadResult load(Path file, String system) {
        Optional<LoadResult> oversized = oversized(file);
        if (oversized.isPresent()) {
            return oversized.get();
        }
        byte[] bytes;
        try {
            bytes = read(file);
        } catch (NoSuchFileException e) {
            return ManifestLoader.unreadable(file, "no such file", "run envy init to create one");
        } catch (IOException | RuntimeException e) {
            return ManifestLoader.unreadable(file, e.getMessage(), null);
        }
        return ManifestLoader.decode(bytes, file, system);
    }

    /** The problem of a file over the size limit, from its size alone; empty within it, or when it cannot be sized. */
    public static Optional<LoadResult> oversized(Path file) {
        try {
            Path name = file.getFileName();
            return ManifestLimits.checkSize(name == null ? "envy.toml" : name.toString(), Files.size(file));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // reading it says what is wrong
        }
    }

    /**
     * The file's bytes, but never more than one over {@link ManifestLimits#MAX_BYTES}: enough for the loader to
     * refuse a file that grew past the limit after {@link #oversized}, and no more memory than that.
     */
    public static byte[] read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes((int) ManifestLimits.MAX_BYTES + 1);
        }
    }
}

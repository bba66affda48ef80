package dev.envy.core.manifest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What envy refuses to load because it would cost more than any real manifest does, so that a hostile or mistaken
 * file is an error with a place in the file rather than a daemon that runs out of memory. Measured (docs/manifest.md,
 * "Limits"): tomlj keeps ~300 bytes of parse tree per byte of a basic string, so the size limit bounds the memory a
 * load can take whatever the file holds; the services limit bounds what the daemon keeps per service.
 */
public final class ManifestLimits {
    /** The largest manifest file envy reads, in bytes (1 MB): ~6 times the 1,000-service manifest of bench/. */
    public static final long MAX_BYTES = 1_000_000;
    /** The most services one manifest may define. */
    public static final int MAX_SERVICES = 1000;
    /** The most problems reported for one manifest; the rest are counted. */
    public static final int MAX_PROBLEMS = 100;

    private ManifestLimits() {
    }

    /** Whether {@code bytes} bytes are over {@link #MAX_BYTES}. */
    public static boolean tooLarge(long bytes) {
        return bytes > MAX_BYTES;
    }

    /**
     * The problem of a manifest {@code file} (its name as shown) of {@code bytes} bytes, when that is over the limit:
     * {@code envy.toml is 52.4 MB; the limit is 1 MB}.
     */
    public static Optional<LoadResult> checkSize(String file, long bytes) {
        if (!tooLarge(bytes)) {
            return Optional.empty();
        }
        String size = String.format(Locale.ROOT, "%.1f", bytes / 1e6);
        String shown = size.equals("1.0") ? bytes + " bytes" : size + " MB";
        return Optional.of(new LoadResult.Invalid(List.of(new Problem(file, 1, 1, file + " is " + shown
                + "; the limit is " + MAX_BYTES / 1_000_000 + " MB (" + MAX_BYTES + " bytes)",
                Optional.of("no real manifest is this large; check that this is the file you meant")))));
    }
}

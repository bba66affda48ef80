package dev.envy.daemon;

import dev.envy.core.lifecycle.Environments;
import dev.envy.core.lifecycle.Event;
import dev.envy.core.manifest.LoadResult;
import dev.envy.core.manifest.Resolution;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.ManifestLimits;
import dev.envy.core.manifest.ManifestLoader;
import dev.envy.core.runtime.ProjectPaths;
import dev.envy.core.runtime.Sha256;
import dev.envy.daemon.loop.ManifestPort;
import dev.envy.host.manifest.ManifestCache;
import dev.envy.host.manifest.ManifestFile;
import dev.envy.host.manifest.ManifestTrust;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The manifest on disk as the daemon sees it: read, validated and its services' environments computed (the hook run
 * once), handed to the supervisor in a {@link Event.ManifestLoaded}, which is the only place the applied manifest
 * lives. Remembers only the content hash of the last manifest loaded successfully, so a status can say the file
 * changed since (UP-3). Parses through the project's manifest cache ({@code .envy/manifest-cache.json}), shared with
 * the CLI: bytes loaded before by the same build are decoded, not parsed.
 */
public final class ManifestSource implements ManifestPort {
    private static final long INITIAL_HEAP = Runtime.getRuntime().totalMemory();

    private final Path file;
    private final String system;
    private final EnvironmentsOf environments;
    private final ManifestCache cache;
    private volatile byte[] appliedHash = new byte[0];
    private volatile Parsed lastParsed;

    /** The content of envy.toml as read, and what it parsed to. */
    public record Parsed(byte[] bytes, LoadResult result) {}

    /** Computes the services' environments (runs hook.on-activate); throws with a user-facing message on failure. */
    @FunctionalInterface
    public interface EnvironmentsOf {
        Environments of(Manifest manifest) throws Exception;
    }

    public ManifestSource(Path file, String system, EnvironmentsOf environments) {
        this.file = file;
        this.system = system;
        this.environments = environments;
        this.cache = ManifestCache.in(ProjectPaths.of(file.toAbsolutePath().getParent()).stateDir());
    }

    public Path file() {
        return file;
    }

    @Override
    public Event load(long requestId, boolean applying) {
        try {
            return loadNow(requestId, applying);
        } finally {
            returnHeap();
        }
    }

    private Event loadNow(long requestId, boolean applying) {
        byte[] bytes;
        try {
            bytes = ManifestFile.read(file);
        } catch (NoSuchFileException e) {
            return new Event.ManifestRejected(requestId, List.of(), file + " does not exist any more");
        } catch (IOException e) {
            return new Event.ManifestRejected(requestId, List.of(), "cannot read " + file + ": " + e.getMessage());
        }
        Optional<String> refusal = refusal(bytes);
        if (refusal.isPresent()) {
            return new Event.ManifestRejected(requestId, List.of(), refusal.get());
        }
        Parsed seen = lastParsed;
        LoadResult result = seen != null && Arrays.equals(seen.bytes(), bytes) ? seen.result() : parse(bytes);
        lastParsed = null;
        return switch (result) {
            case LoadResult.Invalid invalid -> new Event.ManifestRejected(requestId, invalid.problems(),
                    file.getFileName() + " is invalid");
            case LoadResult.Loaded loaded -> withEnvironments(requestId, loaded.manifest(), bytes, applying);
        };
    }

    /**
     * HD-11: why these bytes of envy.toml may not be run (another user could have written them and the user has not
     * allowed them), checked here as well as by the CLI so that a reload by SIGHUP, {@code auto-reload} or a file
     * changed between the CLI's look and the daemon's never runs what was not allowed. Empty when they may run.
     */
    private Optional<String> refusal(byte[] bytes) {
        try {
            return ManifestTrust.of(System.getenv()).check(file, bytes).map(ManifestTrust.Refusal::oneLine);
        } catch (IOException e) {
            return Optional.of("cannot tell whether " + file + " may be run: " + e.getMessage());
        }
    }

    /**
     * Reads and parses envy.toml now (the daemon needs its log options before anything else), and remembers the
     * result so that the first {@link #load} of the same bytes does not parse them again (a cold JVM takes ~0.1–0.3 s
     * to parse 50 services). Empty if the file cannot be read.
     */
    public Optional<LoadResult> parseAhead() {
        try {
            byte[] bytes = ManifestFile.read(file);
            Parsed parsed = new Parsed(bytes, parse(bytes));
            lastParsed = parsed;
            return Optional.of(parsed.result());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The daemon's heap starts small and may grow for a large manifest (tomlj keeps ~300 bytes of parse tree per byte of
     * a string: a manifest at the size limit can take 400 MB); a load that grew it gives the memory back at once, with
     * one full collection, rather than keeping it resident until the collector next has a reason to run.
     */
    private static void returnHeap() {
        if (Runtime.getRuntime().totalMemory() > INITIAL_HEAP) {
            System.gc();
        }
    }

    private LoadResult parse(byte[] bytes) {
        if (bytes.length > ManifestLimits.MAX_BYTES) {
            return ManifestFile.oversized(file).orElseGet(() -> ManifestLoader.decode(bytes, file, system));
        }
        return cache.parse(bytes, file, system);
    }

    private Event withEnvironments(long requestId, Manifest manifest, byte[] bytes, boolean applying) {
        Environments envs;
        try {
            envs = environments.of(manifest);
        } catch (Exception e) {
            return new Event.ManifestRejected(requestId, List.of(), "hook.on-activate failed: " + e.getMessage());
        }
        Resolution resolved = Resolution.of(manifest, envs.services());
        if (!resolved.errors().isEmpty()) {
            return new Event.ManifestRejected(requestId, List.of(), file.getFileName() + " is invalid once its"
                    + " variables are resolved: " + String.join("; ", resolved.errors()));
        }
        if (applying) {
            appliedHash = hash(bytes);
        }
        return new Event.ManifestLoaded(requestId, resolved.manifest(), envs);
    }

    @Override
    public boolean isStale() {
        try {
            return !Arrays.equals(appliedHash, hash(ManifestFile.read(file)));
        } catch (IOException e) {
            return true;
        }
    }

    private static byte[] hash(byte[] bytes) {
        return Sha256.digest(bytes);
    }
}

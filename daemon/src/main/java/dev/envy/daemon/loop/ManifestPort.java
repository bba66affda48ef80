package dev.envy.daemon.loop;

import dev.envy.core.lifecycle.Event;

/** The edge to the manifest on disk and the environment computed from it. */
public interface ManifestPort {

    /**
     * Reads, validates and computes the environments of the manifest for {@code requestId}: a
     * {@link Event.ManifestLoaded} or a {@link Event.ManifestRejected}. Slow (runs the hook): called off the loop.
     * {@code applying}: the whole file will be applied, so it no longer counts as stale once loaded.
     */
    Event load(long requestId, boolean applying);

    /** UP-3: the file on disk differs from the manifest last loaded successfully. */
    boolean isStale();
}

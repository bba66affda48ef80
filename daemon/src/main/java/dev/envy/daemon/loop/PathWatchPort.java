package dev.envy.daemon.loop;

import dev.envy.core.manifest.PathWatch;

import java.util.Map;

/** WT-1: the edge to the file system's change notifications for the services' {@code watch} settings. */
public interface PathWatchPort {

    /** Watches nothing (a daemon without file watches, and tests that have none). */
    PathWatchPort NONE = watches -> { };

    /** Replaces what is watched with {@code watches} (service name to its settings); an empty map stops watching. */
    void watch(Map<String, PathWatch> watches);
}

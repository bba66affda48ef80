package dev.envy.cli.daemon;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * CS-9: what {@code envy daemon status} shows, read from the daemon lock and {@code daemon.json} only.
 *
 * @param running    a daemon holds the environment's {@code daemon.lock}
 * @param pid        its process id, when known
 * @param runtimeDir the environment's runtime dir
 * @param socket     the daemon's socket path
 * @param log        {@code .envy/logs/daemon.log}
 */
public record DaemonInfo(boolean running, OptionalLong pid, Path runtimeDir, Path socket, Path log) {
}

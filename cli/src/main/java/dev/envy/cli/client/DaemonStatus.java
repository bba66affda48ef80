package dev.envy.cli.client;

import dev.envy.core.runtime.DaemonInfo;
import dev.envy.core.runtime.RuntimePaths;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CS-9: whether the environment's daemon runs, without talking to its socket: the daemon lock says whether a daemon
 * lives, {@code daemon.json} says which one.
 *
 * @param running    a process holds {@code daemon.lock}
 * @param info       what {@code daemon.json} says (pid, start time, version), when readable
 * @param runtimeDir where the socket and locks live (CS-4: {@code envy daemon status} prints it)
 * @param socket     the socket path
 */
public record DaemonStatus(boolean running, Optional<DaemonInfo> info, Path runtimeDir, Path socket) {

    public static DaemonStatus read(RuntimePaths paths) throws IOException {
        boolean running = FileLocks.isHeld(paths.daemonLock());
        Optional<DaemonInfo> info = Optional.empty();
        if (running) {
            try {
                info = DaemonInfo.parse(Files.readString(paths.daemonJson(), StandardCharsets.UTF_8));
            } catch (NoSuchFileException e) {
                // the daemon has not written it yet
            }
        }
        return new DaemonStatus(running, info, paths.runtimeDir(), paths.socket());
    }
}

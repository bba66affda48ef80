package dev.envy.host.client;

import dev.envy.core.runtime.DaemonInfo;
import dev.envy.core.runtime.ProjectPaths;
import dev.envy.core.runtime.RuntimePaths;
import dev.envy.host.fs.DaemonLock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * CS-9: whether the environment's daemon runs, without talking to its socket: the daemon lock says whether a daemon
 * lives, {@code daemon.json} says which one. What {@code envy daemon status} shows.
 *
 * @param running    a process holds {@code daemon.lock}
 * @param info       what {@code daemon.json} says (pid, start time, version), when readable
 * @param runtimeDir where the socket and locks live (CS-4: {@code envy daemon status} prints it)
 * @param socket     the socket path
 * @param log        {@code .envy/logs/daemon.log}
 */
public record DaemonStatus(boolean running, Optional<DaemonInfo> info, Path runtimeDir, Path socket, Path log) {

    /** The daemon's pid, when known. */
    public OptionalLong pid() {
        return info.map(i -> OptionalLong.of(i.pid())).orElse(OptionalLong.empty());
    }

    public static DaemonStatus read(RuntimePaths paths, ProjectPaths project) throws IOException {
        boolean running = DaemonLock.isHeld(paths.daemonLock());
        Optional<DaemonInfo> info = Optional.empty();
        if (running) {
            try {
                info = DaemonInfo.parse(Files.readString(paths.daemonJson(), StandardCharsets.UTF_8));
            } catch (NoSuchFileException e) {
                // the daemon has not written it yet
            }
        }
        return new DaemonStatus(running, info, paths.runtimeDir(), paths.socket(), project.daemonLog());
    }
}

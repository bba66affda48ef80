package dev.envy.daemon.process;

import java.util.concurrent.CompletableFuture;

/**
 * A service process started by {@link ServiceProcesses#spawn}. Its pid is also its process group id and session id.
 */
public interface SpawnedProcess {

    String service();

    /** Pid of the leader ({@code bash}), equal to its process group id and session id. */
    long pid();

    /** Start time of the leader (field 22 of {@code /proc/PID/stat}), 0 if it was gone before it could be read. */
    long startTime();

    /**
     * Completes once the leader was reaped, every other process of its session/group (and every descendant seen
     * escaping it) is gone, the output pipe reached end of file (or was abandoned 2 s after the group was gone), and
     * every byte is written to the log file. Never completes exceptionally.
     */
    CompletableFuture<ExitStatus> exited();
}

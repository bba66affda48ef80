package dev.envy.daemon.loop;

import dev.envy.core.lifecycle.Effect;
import dev.envy.core.manifest.Signal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The edge to real service processes (spawn in a new session, signal a group, kill a tree). */
public interface ProcessPort {

    /** For {@link #spawn}: nobody reads the lines but the log file, so none is decoded. */
    Consumer<String> NO_LINES = line -> { };

    /**
     * Starts {@code bash -c} {@link Effect.Spawn#command()} in a new session as the effect says, its output appended to
     * the service's log. {@code lines} receives every output line (for a log readiness check), on a reader thread,
     * unless it is {@link #NO_LINES}.
     *
     * @throws PortTaken when another process listens on one of {@link Effect.Spawn#ports()} (PT-1)
     */
    Started spawn(Effect.Spawn spawn, Consumer<String> lines) throws IOException;

    /** PT-1: a port allocated to the service is held by another process; nothing was spawned. */
    final class PortTaken extends IOException {
        private final String name;
        private final int port;

        public PortTaken(String name, int port, String holder) {
            super(holder);
            this.name = name;
            this.port = port;
        }

        public String name() {
            return name;
        }

        public int port() {
            return port;
        }
    }

    /** Sends {@code signal} to the process group {@code pgid}. */
    void signal(long pgid, Signal signal);

    /**
     * Sends each target's signal to its process group, all at once (one look at the process table for all of them,
     * so stopping a level of many services costs one scan, not one each). In order, like {@link #signal} per target.
     */
    default void signalAll(List<SignalTarget> targets) {
        targets.forEach(t -> signal(t.pgid(), t.signal()));
    }

    /** A process group and the signal it is to get. */
    record SignalTarget(long pgid, Signal signal) {}

    /**
     * Watches the process group {@code pgid}, which this daemon did not spawn (a killed predecessor's): the future
     * completes once nothing of its tree is left. Its exit status is not this daemon's to read.
     */
    CompletableFuture<Void> adopt(long pgid);

    /** SIGKILLs the process group {@code pgid} and every descendant still alive. */
    void killTree(long pgid);

    /** Runs a service's {@code shutdown.command} as the effect says, in the background. */
    void runShutdownCommand(Effect.RunShutdownCommand command);

    /**
     * A spawned service process. {@code exited} completes once the process has been reaped, its group is gone and its
     * output is on disk.
     */
    record Started(long pid, long startTime, CompletableFuture<Exit> exited) {}

    /** How a process ended: exactly one of {@code exitCode >= 0} or {@code signal}. */
    record Exit(int exitCode, Optional<Signal> signal) {}
}

package dev.envy.host.client;

import dev.envy.core.runtime.ProjectPaths;
import dev.envy.core.runtime.RuntimePaths;
import dev.envy.host.fs.DaemonLock;
import dev.envy.host.fs.PrivateFiles;
import dev.envy.host.fs.RuntimeDir;
import dev.envy.host.fs.RuntimeDirException;
import dev.envy.host.os.CurrentUser;
import dev.envy.host.log.LogTail;
import dev.envy.host.os.ProcStat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Finds the environment's daemon or starts one (BG-1, BG-2, CS-5, AC-5), and returns a connection that has
 * completed the handshake. Starters are serialised by {@code start.lock}, so any number of clients arriving at the
 * same instant get one daemon; {@code daemon.lock} tells a live daemon from a stale socket file.
 */
public final class DaemonLauncher {

    /** How many lines of daemon.log a failed start shows. */
    static final int LOG_TAIL_LINES = 20;

    private final DaemonJvm command;

    public DaemonLauncher(DaemonJvm command) {
        this.command = command;
    }

    /**
     * A connection to the running daemon, starting it first if there is none. The whole operation (waiting for
     * another starter, the daemon's start-up and the handshake) ends within {@code deadline}, else a
     * {@link DaemonException} carrying the daemon log's tail.
     */
    @SuppressWarnings("try") // the start lock is held for the block's extent, not used in it
    public DaemonClient ensureRunning(Path projectDir, RuntimePaths paths, ProjectPaths project, Duration deadline)
            throws IOException {
        long end = System.nanoTime() + deadline.toNanos();
        Optional<DaemonClient> running = DaemonClient.connectWelcomed(paths, remaining(end));
        if (running.isPresent()) {
            return running.get();
        }
        if (paths.socketPathTooLong()) {
            throw new DaemonException("the socket path " + paths.socket() + " is too long for a Unix socket",
                    "set ENVY_RUNTIME_DIR to a shorter directory");
        }
        try {
            RuntimeDir.prepare(paths.runtimeDir(), CurrentUser.uid());
        } catch (RuntimeDirException e) {
            throw new DaemonException(e.getMessage(), e.hint());
        }
        try (var startLock = StartLock.take(paths.startLock(), remaining(end), "the start lock " + paths.startLock())) {
            while (true) {
                if (!DaemonLock.isHeld(paths.daemonLock())) {
                    return spawnAndAwait(projectDir, paths, project, end);
                }
                // a daemon is starting, serving or exiting: connect, or start afresh once it is gone
                running = DaemonClient.connectWelcomed(paths, remaining(end));
                if (running.isPresent()) {
                    return running.get();
                }
                if (System.nanoTime() - end >= 0) {
                    throw new DaemonException("the daemon holds " + paths.daemonLock() + " but did not answer on "
                            + paths.socket() + " within " + Deadlines.words(deadline),
                            "see " + project.daemonLog() + ", or run `envy daemon status`");
                }
                StartLock.pause();
            }
        }
    }

    /**
     * After a {@code shutting-down} answer (AC-5): waits until the old daemon has released its lock, so that the
     * next {@link #ensureRunning} starts a fresh one; false when it still holds it at the deadline.
     */
    public static boolean awaitGone(RuntimePaths paths, Duration deadline) throws IOException {
        return DaemonLock.awaitReleased(paths.daemonLock(), deadline);
    }

    private DaemonClient spawnAndAwait(Path projectDir, RuntimePaths paths, ProjectPaths project, long end)
            throws IOException {
        prepareStateDir(project);
        Path log = project.daemonLog();
        if (Files.deleteIfExists(paths.socket())) {
            note(project, "removed stale socket " + paths.socket() + ": no daemon holds " + paths.daemonLock());
        }
        long logStart = LogTail.sizeOf(log);
        note(project, "starting daemon for " + projectDir);
        long daemon = start(projectDir, log);
        // the next daemon starts faster from a cache; this one does not wait for it
        command.aotCache().ifPresent(cache -> cache.makeInBackground(command));
        while (true) {
            Optional<DaemonClient> client = DaemonClient.connectWelcomed(paths, remaining(end));
            if (client.isPresent()) {
                return client.get();
            }
            if (!ProcStat.running(daemon)) {
                // it may have answered just before exiting; one last look
                throw new DaemonException(DaemonException.UNREACHABLE, "the daemon (pid " + daemon
                        + ") exited before answering on " + paths.socket(),
                        "see " + log, LogTail.lastText(log, logStart, LOG_TAIL_LINES));
            }
            if (System.nanoTime() - end >= 0) {
                throw new DaemonException(DaemonException.UNREACHABLE, "the daemon (pid " + daemon
                        + ") did not answer on " + paths.socket() + " in time", "see " + log,
                        LogTail.lastText(log, logStart, LOG_TAIL_LINES));
            }
            StartLock.pause();
        }
    }

    /** Starts the daemon, not as this JVM's child ({@link Detached}); returns its pid. */
    private long start(Path projectDir, Path log) throws DaemonException {
        ProcessBuilder pb = new ProcessBuilder().directory(projectDir.toFile());
        // the launcher's activation protocol is the CLI's business, not the daemon's or its services'
        pb.environment().remove("ENVY_PLAN");
        pb.environment().remove("ENVY_LAUNCHER_PID");
        try {
            return Detached.start(pb, command.commandLine(projectDir), log);
        } catch (IOException e) {
            throw new DaemonException("cannot start the daemon: " + e.getMessage(),
                    "check that bash, setsid and " + command.java() + " exist; see " + log);
        }
    }

    /**
     * {@code .envy/} with a {@code .gitignore} of {@code *}, {@code .envy/logs/} and its {@code daemon.log}, the
     * owner's only (HD-5); closing a {@code .envy/} that an older envy left open is noted in the daemon log.
     */
    static void prepareStateDir(ProjectPaths project) throws DaemonException {
        try {
            PrivateFiles.prepareStateDir(project, PrivateFiles.noteIn(project, "launcher"));
            PrivateFiles.directories(project.logsDir());
            PrivateFiles.touch(project.daemonLog());
        } catch (IOException e) {
            throw new DaemonException("cannot create " + project.logsDir() + ": " + e.getMessage(),
                    "check the permissions of " + project.projectDir());
        }
    }

    private static void note(ProjectPaths project, String line) {
        PrivateFiles.noteIn(project, "launcher").accept(line); // a courtesy: the start itself reports real trouble
    }

    private static Duration remaining(long end) {
        long left = end - System.nanoTime();
        return Duration.ofNanos(Math.max(0, left));
    }
}

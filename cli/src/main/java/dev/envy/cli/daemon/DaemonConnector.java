package dev.envy.cli.daemon;

import dev.envy.cli.Project;

import java.time.Duration;
import java.util.Optional;

/**
 * How commands reach an environment's daemon. The real implementation sits on {@code dev.envy.cli.client}; unit tests
 * use a fake. Only {@code up} and {@code activate} may call {@link #ensureRunning}; every other command uses
 * {@link #connectIfRunning} and never starts a daemon.
 */
public interface DaemonConnector {

    /** CS-9: whether a daemon holds the environment's lock, and where its files are, without touching the socket. */
    DaemonInfo inspect(Project project);

    /** A session with the running daemon, or empty when none runs. Never starts one. */
    Optional<DaemonSession> connectIfRunning(Project project);

    /** A session with the daemon, starting it first if needed (BG-2). Fails with exit 3 when it cannot. */
    DaemonSession ensureRunning(Project project);

    /** After a {@code shutting-down} answer: waits until that daemon has gone; false at the deadline. */
    boolean awaitGone(Project project, Duration deadline);
}

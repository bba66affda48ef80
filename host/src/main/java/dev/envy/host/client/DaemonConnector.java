package dev.envy.host.client;

import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.core.runtime.ProjectPaths;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one way to talk to an environment's daemon, for every CLI command, the daemon's start-up training and tests.
 * {@link #call} sends a request and returns the final answer; on the way it connects (and, when asked to, starts the
 * daemon), and when the daemon answers {@code shutting-down} (AC-5, CS-7) or drops the connection as it exits, waits
 * for it to be gone and asks the next one, so that no request is lost. Callers never retry: the attempts and every
 * deadline are here and in {@link Deadlines}.
 */
public final class DaemonConnector {

    /** Whether a call may start a daemon. Only {@code up} and {@code activate} start one (AC-7). */
    public enum Start {
        /** Talk to a running daemon only; with none, the answer is empty. */
        NEVER,
        /** Start the daemon first when none runs (BG-2). */
        WHEN_NEEDED
    }

    private final DaemonLink link;
    private final Path projectDir;
    private final Deadlines deadlines;

    public DaemonConnector(DaemonLink link, Path projectDir, Deadlines deadlines) {
        this.link = link;
        this.projectDir = projectDir;
        this.deadlines = deadlines;
    }

    /**
     * The connector for the environment at {@code projectDir} (made canonical), with the runtime paths of this user
     * and {@code env} (normally {@code System.getenv()}) and the daemon of the {@code envy.home} installation.
     */
    public static DaemonConnector forProject(Path projectDir, Map<String, String> env, Deadlines deadlines)
            throws IOException {
        return new DaemonConnector(new SocketLink(env, deadlines), projectDir.toRealPath(), deadlines);
    }

    public Path projectDir() {
        return projectDir;
    }

    public DaemonLink link() {
        return link;
    }

    /** CS-9: whether the daemon runs and where its files are, without talking to it. */
    public DaemonStatus status() throws IOException {
        return link.status(projectDir);
    }

    /**
     * Sends {@code request} and returns the daemon's final answer (never {@code shutting-down}); streamed frames go to
     * {@code onStream}. With {@link Start#NEVER}: empty when no daemon runs, and {@link Response.ShuttingDown} when
     * the one that ran was shutting down and has gone, with no successor.
     *
     * @throws DaemonException the daemon could not be reached, started or understood in time, or kept shutting down
     * @throws IOException     the connection dropped and the daemon did not go away
     */
    public Optional<Response> call(Request request, Consumer<Response> onStream, Start start) throws IOException {
        boolean waited = false;
        for (int attempt = 1; ; attempt++) {
            Optional<DaemonLink.Session> session = start == Start.WHEN_NEEDED
                    ? Optional.of(link.ensureRunning(projectDir)) : link.connectIfRunning(projectDir);
            if (session.isEmpty()) {
                return waited ? Optional.of(new Response.ShuttingDown()) : Optional.empty();
            }
            Response answer;
            try {
                answer = session.get().call(request, onStream);
            } catch (IOException dropped) {
                if (dropped instanceof DaemonException refused && !refused.closedByDaemon()) {
                    throw refused;
                }
                // The daemon closed the connection (EOF before the answer, broken pipe, reset). Between deciding to
                // exit and removing its socket, an exiting daemon drops a client instead of answering shutting-down:
                // the same case, so once it has gone the request goes to its successor (AC-5).
                if (attempt == deadlines.attempts() || !link.awaitGone(projectDir, deadlines.exitGrace())) {
                    throw dropped;
                }
                waited = true;
                continue;
            }
            if (!(answer instanceof Response.ShuttingDown)) {
                return Optional.of(answer);
            }
            if (attempt == deadlines.attempts()) {
                throw new DaemonException("the daemon kept shutting down; gave up after " + attempt + " attempts",
                        "run `envy daemon status` and try again");
            }
            awaitGone();
            waited = true;
        }
    }

    /** Waits until the daemon (which said it is shutting down, or was asked to) has gone; exit 3 if not in time. */
    public void awaitGone() throws IOException {
        if (!link.awaitGone(projectDir, deadlines.shutdown())) {
            throw new DaemonException("the daemon of " + projectDir + " is shutting down and did not finish within "
                    + deadlines.shutdown().toSeconds() + "s", "see " + ProjectPaths.of(projectDir).daemonLog()
                    + ", then try again");
        }
    }
}

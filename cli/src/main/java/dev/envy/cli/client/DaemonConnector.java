package dev.envy.cli.client;

import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.core.runtime.ProjectPaths;
import dev.envy.core.runtime.RuntimePaths;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What a command uses to talk to its environment's daemon: {@link #call} starts the daemon when needed and, when
 * the daemon answers {@code shutting-down} (AC-5, CS-7), or drops the connection as it exits, waits for it to be
 * gone and asks a fresh one; the request is never lost. (Commands that must not start a daemon go through
 * {@code cli.daemon.DaemonRequests#sendIfRunning}.)
 *
 * @param projectDir    the environment's canonical directory
 * @param paths         its runtime paths
 * @param project       its state paths
 * @param launcher      how to start a daemon
 * @param startDeadline how long finding/starting the daemon (and waiting for a predecessor's exit) may take
 */
public record DaemonConnector(Path projectDir, RuntimePaths paths, ProjectPaths project, DaemonLauncher launcher,
                              Duration startDeadline) {

    /** How long finding or starting a daemon may take by default: a cold JVM on a busy machine takes seconds. */
    public static final Duration DEFAULT_START_DEADLINE = Duration.ofSeconds(20);

    /**
     * The connector for the environment at {@code projectDir}, with the runtime paths of this user and {@code env}
     * (normally {@code System.getenv()}) and the daemon of the {@code envy.home} installation.
     */
    public static DaemonConnector forProject(Path projectDir, Map<String, String> env, Duration startDeadline)
            throws IOException {
        Path canonical = projectDir.toRealPath();
        return new DaemonConnector(canonical, RuntimePaths.resolve(canonical, CurrentUser.uid(), env),
                ProjectPaths.of(canonical), new DaemonLauncher(DaemonCommand.fromSystemProperty()), startDeadline);
    }

    /** A daemon that keeps answering shutting-down after this many fresh starts is reported, not retried forever. */
    static final int MAX_ATTEMPTS = 3;

    /** Sends {@code request} to the daemon (started if needed) and returns the final response. */
    public Response call(Request request, Consumer<Response> onStream) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Response answer;
            try (DaemonClient client = launcher.ensureRunning(projectDir, paths, project, startDeadline)) {
                answer = client.call(request, onStream);
            } catch (DaemonException e) {
                throw e;
            } catch (IOException dropped) {
                // The daemon closed the connection (EOF, broken pipe, reset). Between deciding to exit and removing
                // its socket, an exiting daemon drops a client instead of answering shutting-down: the same case.
                if (attempt == MAX_ATTEMPTS || !exitsWithin(EXIT_GRACE)) {
                    throw dropped;
                }
                continue;
            }
            if (!(answer instanceof Response.ShuttingDown)) {
                return answer;
            }
            if (attempt == MAX_ATTEMPTS) {
                throw new DaemonException("the daemon kept shutting down; gave up after " + attempt + " attempts",
                        "run `envy daemon status` and try again");
            }
            launcher.awaitExit(paths, startDeadline);
        }
    }

    /** How long a daemon that dropped a connection may take to release its lock before the drop counts as an error. */
    public static final Duration EXIT_GRACE = Duration.ofSeconds(5);

    /** True once the daemon (lock holder) is gone, if that happens within {@code grace}. */
    private boolean exitsWithin(Duration grace) {
        try {
            launcher.awaitExit(paths, grace);
            return true;
        } catch (IOException stillThere) {
            return false;
        }
    }
}

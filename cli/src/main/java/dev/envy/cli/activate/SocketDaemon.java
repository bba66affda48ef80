package dev.envy.cli.activate;

import dev.envy.cli.client.DaemonCommand;
import dev.envy.cli.client.DaemonConnector;
import dev.envy.cli.client.DaemonException;
import dev.envy.cli.client.DaemonLauncher;
import dev.envy.cli.client.DaemonStatus;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.core.runtime.ProjectPaths;
import dev.envy.core.runtime.RuntimePaths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** {@link Daemon} over the socket client: the connector starts a daemon when needed and retries on shutting-down. */
final class SocketDaemon implements Daemon {
    /** Finding or starting the daemon, including waiting out a predecessor's teardown (AC-5). */
    static final Duration START_DEADLINE = Duration.ofSeconds(30);
    /** ST-4's default: how long -s waits for the services. */
    static final Duration SERVICES_DEADLINE = Duration.ofSeconds(60);

    private final RuntimePaths paths;
    private final Path projectDir;

    private SocketDaemon(Path projectDir, RuntimePaths paths) {
        this.projectDir = projectDir;
        this.paths = paths;
    }

    static SocketDaemon of(Path canonicalProjectDir, Map<String, String> env) throws IOException {
        long uid = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        return new SocketDaemon(canonicalProjectDir, RuntimePaths.resolve(canonicalProjectDir, uid, env));
    }

    @Override
    public boolean running() {
        try {
            return DaemonStatus.read(paths).running();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void attach(long pid, long startTime) throws Unavailable {
        Response answer = call(new Request.Attach(pid, startTime), r -> { });
        switch (answer) {
            case Response.Error e -> throw new Unavailable(e.message(), null);
            case Response.Result r when r.exitCode() != 0 ->
                    throw new Unavailable(String.join("; ", r.errors()), null);
            default -> { }
        }
    }

    @Override
    public Response start(Consumer<Response.Progress> progress) throws Unavailable {
        return call(new Request.Start(List.of(), true, SERVICES_DEADLINE.toMillis()), r -> {
            if (r instanceof Response.Progress p) {
                progress.accept(p);
            }
        });
    }

    private Response call(Request request, Consumer<Response> onStream) throws Unavailable {
        try {
            DaemonConnector connector = new DaemonConnector(projectDir, paths, ProjectPaths.of(projectDir),
                    new DaemonLauncher(DaemonCommand.fromSystemProperty()), START_DEADLINE);
            return connector.call(request, onStream);
        } catch (DaemonException e) {
            String tail = e.logTail().isEmpty() ? "" : "\n  " + String.join("\n  ", e.logTail());
            throw new Unavailable(e.getMessage() + (e.hint() == null ? "" : " (" + e.hint() + ")") + tail, e);
        } catch (IOException e) {
            throw new Unavailable("cannot reach the daemon: " + e.getMessage(), e);
        }
    }
}

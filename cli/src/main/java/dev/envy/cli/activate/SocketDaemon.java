package dev.envy.cli.activate;

import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.core.runtime.RuntimePaths;
import dev.envy.host.client.DaemonConnector;
import dev.envy.host.client.DaemonException;
import dev.envy.host.client.Deadlines;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@link DaemonPort} over the daemon client: the connector starts a daemon when needed and retries on shutting-down
 * (AC-5), with the client's deadlines.
 */
final class SocketDaemon implements DaemonPort {
    /** ST-4's default: how long -s waits for the services. */
    static final Duration SERVICES_DEADLINE = Duration.ofSeconds(60);

    private final DaemonConnector connector;

    private SocketDaemon(DaemonConnector connector) {
        this.connector = connector;
    }

    static SocketDaemon of(Path canonicalProjectDir, Map<String, String> env) throws IOException {
        return new SocketDaemon(DaemonConnector.forProject(canonicalProjectDir, env, Deadlines.DEFAULT));
    }

    @Override
    public boolean running() {
        try {
            return connector.status().running();
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void attach(long pid, long startTime) throws Unavailable {
        register(new Request.Attach(pid, startTime));
    }

    /** Sends an {@code Attach} or {@code Expect}; anything but a successful result is unavailability. */
    private void register(Request request) throws Unavailable {
        Response answer = call(request, r -> { });
        switch (answer) {
            case Response.Error e -> throw new Unavailable(e.message(), null);
            case Response.Result r when r.exitCode() != 0 ->
                    throw new Unavailable(String.join("; ", r.errors()), null);
            default -> { }
        }
    }

    @Override
    public Path expect(String token) throws Unavailable {
        register(new Request.Expect(token));
        try {
            return RuntimePaths.in(connector.status().runtimeDir()).claimsDir().resolve(token);
        } catch (IOException e) {
            throw new Unavailable("cannot find the daemon's runtime dir: " + e.getMessage(), e);
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

    @Override
    public List<dev.envy.core.protocol.ServiceView> services() {
        try {
            return connector.call(new Request.Status(List.of()), r -> { }, DaemonConnector.Start.NEVER)
                    .filter(r -> r instanceof Response.StatusReport).map(r -> ((Response.StatusReport) r).services())
                    .orElse(List.of());
        } catch (IOException e) {
            return List.of();
        }
    }

    private Response call(Request request, Consumer<Response> onStream) throws Unavailable {
        try {
            return connector.call(request, onStream, DaemonConnector.Start.WHEN_NEEDED).orElseThrow();
        } catch (DaemonException e) {
            String tail = e.logTail().isEmpty() ? "" : "\n  " + String.join("\n  ", e.logTail());
            throw new Unavailable(e.getMessage() + (e.hint() == null ? "" : " (" + e.hint() + ")") + tail, e);
        } catch (IOException e) {
            throw new Unavailable("cannot reach the daemon: " + e.getMessage(), e);
        }
    }
}

package dev.envy.cli;

import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.core.runtime.DaemonInfo;
import dev.envy.core.runtime.ProjectPaths;
import dev.envy.host.client.DaemonLink;
import dev.envy.host.client.DaemonStatus;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A scripted daemon: absent unless {@link #running()}; answers each request with the next scripted exchange, and
 * records what it was sent and whether anyone asked to start it.
 */
public final class FakeDaemon implements DaemonLink {
    /** One scripted answer: frames to stream, then the final response. */
    public record Exchange(List<Response> streamed, Response reply) {
    }

    private boolean running;
    private final Deque<Exchange> script = new ArrayDeque<>();
    public final List<Request> received = new ArrayList<>();
    public int startsRequested;
    public boolean goesAwayAfterShutdown = true;

    public FakeDaemon running() {
        running = true;
        return this;
    }

    public FakeDaemon answer(Response reply, Response... streamed) {
        script.add(new Exchange(List.of(streamed), reply));
        return this;
    }

    @Override
    public DaemonStatus status(Path project) {
        Path dir = Path.of("/run/test/envy", project.getFileName().toString());
        return new DaemonStatus(running, running ? Optional.of(new DaemonInfo(4242, 0, "0.1.0", 1, "")) : Optional.empty(),
                dir, dir.resolve("daemon.sock"), ProjectPaths.of(project).daemonLog());
    }

    @Override
    public Optional<Session> connectIfRunning(Path project) {
        return running ? Optional.of(this::call) : Optional.empty();
    }

    @Override
    public Session ensureRunning(Path project) {
        startsRequested++;
        running = true;
        return this::call;
    }

    @Override
    public boolean awaitGone(Path project, Duration deadline) {
        if (goesAwayAfterShutdown) {
            running = !script.isEmpty();
        }
        return goesAwayAfterShutdown;
    }

    private Response call(Request request, Consumer<Response> onStream) {
        received.add(request);
        Exchange next = script.poll();
        if (next == null) {
            throw new AssertionError("the fake daemon has no answer scripted for " + request);
        }
        next.streamed().forEach(onStream);
        return next.reply();
    }
}

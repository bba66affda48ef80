package dev.envy.cli;

import dev.envy.cli.daemon.DaemonConnector;
import dev.envy.cli.daemon.DaemonInfo;
import dev.envy.cli.daemon.DaemonSession;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * A scripted daemon: absent unless {@link #running()}; answers each request with the next scripted exchange, and
 * records what it was sent and whether anyone asked to start it.
 */
public final class FakeDaemon implements DaemonConnector {
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
    public DaemonInfo inspect(Project project) {
        Path dir = Path.of("/run/test/envy", project.dir().getFileName().toString());
        return new DaemonInfo(running, running ? OptionalLong.of(4242) : OptionalLong.empty(), dir,
                dir.resolve("daemon.sock"), project.daemonLog());
    }

    @Override
    public Optional<DaemonSession> connectIfRunning(Project project) {
        return running ? Optional.of(this::call) : Optional.empty();
    }

    @Override
    public DaemonSession ensureRunning(Project project) {
        startsRequested++;
        running = true;
        return this::call;
    }

    @Override
    public boolean awaitGone(Project project, Duration deadline) {
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

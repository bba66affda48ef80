package dev.envy.cli.daemon;

import dev.envy.cli.CliContext;
import dev.envy.cli.EnvyException;
import dev.envy.cli.ExitCode;
import dev.envy.cli.Project;
import dev.envy.cli.client.DaemonClient;
import dev.envy.cli.client.DaemonCommand;
import dev.envy.cli.client.DaemonException;
import dev.envy.cli.client.DaemonLauncher;
import dev.envy.cli.client.DaemonStatus;
import dev.envy.core.runtime.ProjectPaths;
import dev.envy.core.runtime.RuntimePaths;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/** The real {@link DaemonConnector}, on the socket client of {@code dev.envy.cli.client}. */
public final class ClientDaemonConnector implements DaemonConnector {
    /** Finding or starting the daemon and its handshake. */
    static final Duration START_DEADLINE = Duration.ofSeconds(30);
    /** The handshake with a daemon that is already running. */
    static final Duration HELLO_DEADLINE = Duration.ofSeconds(10);

    private final CliContext context;

    public ClientDaemonConnector(CliContext context) {
        this.context = context;
    }

    @Override
    public DaemonInfo inspect(Project project) {
        RuntimePaths paths = paths(project);
        try {
            DaemonStatus status = DaemonStatus.read(paths);
            OptionalLong pid = status.info().map(i -> OptionalLong.of(i.pid())).orElse(OptionalLong.empty());
            return new DaemonInfo(status.running(), pid, status.runtimeDir(), status.socket(),
                    ProjectPaths.of(project.dir()).daemonLog());
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public Optional<DaemonSession> connectIfRunning(Project project) {
        try {
            Optional<DaemonClient> client = DaemonClient.connect(paths(project));
            if (client.isEmpty()) {
                return Optional.empty();
            }
            client.get().hello(HELLO_DEADLINE);
            return Optional.of(session(client.get()));
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public DaemonSession ensureRunning(Project project) {
        try {
            DaemonLauncher launcher = new DaemonLauncher(DaemonCommand.fromSystemProperty());
            DaemonClient client = launcher.ensureRunning(project.dir(), paths(project), ProjectPaths.of(project.dir()),
                    START_DEADLINE);
            return session(client);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public boolean awaitGone(Project project, Duration deadline) {
        try {
            new DaemonLauncher(DaemonCommand.fromSystemProperty()).awaitExit(paths(project), deadline);
            return true;
        } catch (DaemonException e) {
            return false;
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /** One request on the connection, which is then closed. */
    private static DaemonSession session(DaemonClient client) {
        return (request, onStream) -> {
            try (client) {
                return client.call(request, onStream, ReplyDeadline.of(request).orElse(null));
            } catch (IOException e) {
                throw translate(e);
            }
        };
    }

    private RuntimePaths paths(Project project) {
        return RuntimePaths.resolve(project.dir(), currentUid(), context.env());
    }

    private static long currentUid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (IOException | UnsupportedOperationException e) {
            throw EnvyException.daemon("cannot tell which user runs envy (" + e.getMessage() + ")", null);
        }
    }

    private static EnvyException translate(IOException e) {
        if (e instanceof DaemonException d) {
            return new EnvyException(d.exitCode(), d.getMessage(), d.hint(), d.logTail(), d);
        }
        return new EnvyException(ExitCode.DAEMON, "cannot talk to the daemon: " + e.getMessage(),
                "run `envy daemon status`; `envy down` and a new start often help", java.util.List.of(), e);
    }
}

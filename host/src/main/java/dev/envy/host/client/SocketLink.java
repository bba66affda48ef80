package dev.envy.host.client;

import dev.envy.core.runtime.ProjectPaths;
import dev.envy.core.runtime.RuntimePaths;
import dev.envy.host.os.CurrentUser;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The real {@link DaemonLink}: the daemon's Unix socket ({@link DaemonClient}) and, to start one, the
 * {@link DaemonLauncher}, for this user and the environment variables {@code env} (which place the runtime dir).
 */
public final class SocketLink implements DaemonLink {

    /** Where an environment's runtime files are. */
    private interface Placement {
        RuntimePaths of(Path projectDir) throws IOException;
    }

    private final Placement placement;
    private final Deadlines deadlines;
    private final Optional<DaemonJvm> jvm;

    /** With the daemon of the {@code envy.home} installation, found when one must be started. */
    public SocketLink(Map<String, String> env, Deadlines deadlines) {
        this(placedBy(env), deadlines, Optional.empty());
    }

    /** With the daemon started as {@code jvm} (tests start a fake one). */
    public SocketLink(Map<String, String> env, Deadlines deadlines, DaemonJvm jvm) {
        this(placedBy(env), deadlines, Optional.of(jvm));
    }

    /** Every environment's files in {@code paths}, the daemon started as {@code jvm} (tests). */
    SocketLink(RuntimePaths paths, Deadlines deadlines, DaemonJvm jvm) {
        this(dir -> paths, deadlines, Optional.of(jvm));
    }

    private SocketLink(Placement placement, Deadlines deadlines, Optional<DaemonJvm> jvm) {
        this.placement = placement;
        this.deadlines = deadlines;
        this.jvm = jvm;
    }

    private static Placement placedBy(Map<String, String> env) {
        Map<String, String> copy = Map.copyOf(env);
        return dir -> RuntimePaths.resolve(dir, CurrentUser.uid(), copy);
    }

    /** The runtime paths of the environment at {@code projectDir} for this user. */
    public RuntimePaths paths(Path projectDir) throws IOException {
        return placement.of(projectDir);
    }

    @Override
    public DaemonStatus status(Path projectDir) throws IOException {
        return DaemonStatus.read(paths(projectDir), ProjectPaths.of(projectDir));
    }

    @Override
    public Optional<Session> connectIfRunning(Path projectDir) throws IOException {
        Optional<DaemonClient> client = DaemonClient.connect(paths(projectDir));
        if (client.isEmpty()) {
            return Optional.empty();
        }
        try {
            client.get().hello(deadlines.hello());
        } catch (DaemonException e) {
            client.get().close();
            if (e.closedByDaemon()) {
                return Optional.empty(); // it hung up on the handshake: it is going away
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            client.get().close();
            throw e;
        }
        return Optional.of(session(client.get()));
    }

    @Override
    public Session ensureRunning(Path projectDir) throws IOException {
        DaemonLauncher launcher = new DaemonLauncher(jvm.isPresent() ? jvm.get() : DaemonJvm.fromSystemProperty());
        return session(launcher.ensureRunning(projectDir, paths(projectDir), ProjectPaths.of(projectDir),
                deadlines.start()));
    }

    @Override
    public boolean awaitGone(Path projectDir, Duration deadline) throws IOException {
        return DaemonLauncher.awaitGone(paths(projectDir), deadline);
    }

    /** One request on the connection, which is then closed; bounded by {@link ReplyDeadline}. */
    private static Session session(DaemonClient client) {
        return (request, onStream) -> {
            try (client) {
                return client.call(request, onStream, ReplyDeadline.of(request).orElse(null));
            }
        };
    }
}

package dev.envy.host.client;

import dev.envy.core.protocol.Codec;
import dev.envy.core.protocol.Frames;
import dev.envy.core.protocol.Printable;
import dev.envy.core.protocol.Protocol;
import dev.envy.core.protocol.ProtocolException;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.core.runtime.RuntimePaths;
import dev.envy.host.fs.RuntimeDir;
import dev.envy.host.fs.RuntimeDirException;
import dev.envy.host.os.CurrentUser;
import jdk.net.ExtendedSocketOptions;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One connection to a daemon over its Unix socket, with the JDK's own {@link SocketChannel} (no native library to
 * load, so the CLI starts fast). A connection carries the {@link Request.Hello} handshake and then one request:
 * {@link #connect} → {@link #hello} → {@link #call}.
 */
public final class DaemonClient implements AutoCloseable {

    private final Path socket;
    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;
    private Response.Welcome welcome;
    private boolean called;
    private volatile boolean timedOut;

    private DaemonClient(Path socket, SocketChannel channel) {
        this.socket = socket;
        this.channel = channel;
        this.in = new BufferedInputStream(Channels.newInputStream(channel));
        this.out = Channels.newOutputStream(channel);
    }

    /**
     * Does the client's one-time set-up on a background thread: opens and closes a Unix socket channel (the JDK sets
     * up its Unix socket support once per process, and that creates a {@code SecureRandom}, which loads the security
     * providers: tens of milliseconds of CPU) and encodes and decodes a handshake (loading the codec). {@code Main}
     * calls this first thing for a command that will connect, so that the set-up overlaps the command's work before
     * it connects (start-up, finding the project, loading the manifest); the connection itself is unchanged (it
     * waits for a set-up still under way).
     */
    public static void prepareInBackground() {
        Thread.ofPlatform().daemon(true).name("envy-client-setup").start(() -> {
            try {
                SocketChannel.open(StandardProtocolFamily.UNIX).close();
                Codec.decodeRequest(Codec.encode(new Request.Hello(Protocol.VERSION, Protocol.RELEASE)));
            } catch (IOException | RuntimeException ignored) {
                // the real connection reports any trouble
            }
        });
    }

    /**
     * Connects to the environment's daemon; empty when none listens. HD-8: before connecting, the runtime directory
     * and every directory above it are checked ({@link RuntimeDir#trusted}: the user's, not writable by others), so
     * that another user cannot have placed a socket there; then {@link #connect(Path)} checks who listens.
     */
    public static Optional<DaemonClient> connect(RuntimePaths paths) throws IOException {
        try {
            if (!RuntimeDir.trusted(paths.runtimeDir(), CurrentUser.uid())) {
                return Optional.empty();
            }
        } catch (RuntimeDirException e) {
            throw new DaemonException(e.getMessage() + "; not connecting to the daemon there", e.hint());
        }
        return connect(paths.socket());
    }

    /**
     * Connects to the socket at {@code socket}; empty when no daemon listens there: no socket file, or a stale one
     * that refuses the connection (ECONNREFUSED). Other failures (e.g. permission denied) are thrown. HD-8: the
     * process listening must run as this user ({@code SO_PEERCRED}); anyone else's is refused before a byte is sent.
     */
    public static Optional<DaemonClient> connect(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            checkPeer(channel, socket);
            return Optional.of(new DaemonClient(socket, channel));
        } catch (DaemonException e) {
            channel.close();
            throw e;
        } catch (ConnectException refused) {
            channel.close();
            return Optional.empty();
        } catch (SocketException e) {
            channel.close();
            // ENOENT: no socket file (yet, or any more); checking the file afterwards would race with a binding daemon
            String why = String.valueOf(e.getMessage());
            if (why.contains("No such file") || !Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            throw new DaemonException("cannot connect to the daemon at " + socket + ": " + e.getMessage(),
                    "check the permissions of " + socket.getParent());
        }
    }

    private static void checkPeer(SocketChannel channel, Path socket) throws IOException {
        UserPrincipal peer = channel.getOption(ExtendedSocketOptions.SO_PEERCRED).user();
        UserPrincipal me = CurrentUser.principal();
        if (!peer.equals(me)) {
            throw new DaemonException("the process listening on " + socket + " runs as " + peer.getName()
                    + ", not as you (" + me.getName() + "); nothing was sent to it",
                    "another user may have placed it there: remove " + socket.getParent()
                            + ", or set ENVY_RUNTIME_DIR to a directory of your own");
        }
    }

    /**
     * {@link #connect} and {@link #hello} in one: a connection ready for {@link #call}, or empty when no daemon
     * answers (no socket, a stale one, or a daemon that closed the connection because it is going away).
     * A daemon that refuses the handshake (another protocol version) or stays silent past {@code deadline} throws.
     */
    public static Optional<DaemonClient> connectWelcomed(RuntimePaths paths, Duration deadline) throws IOException {
        Optional<DaemonClient> client = connect(paths);
        if (client.isEmpty()) {
            return client;
        }
        try {
            client.get().hello(deadline.isZero() ? Duration.ofMillis(1) : deadline);
            return client;
        } catch (DaemonException e) {
            client.get().close();
            if (e.closedByDaemon()) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            client.get().close();
            throw e;
        }
    }

    /**
     * The handshake (CS-11). Returns the daemon's welcome; throws when the daemon refuses (another protocol version:
     * the daemon's message and hint), answers anything else, or says nothing within {@code deadline}.
     */
    public Response.Welcome hello(Duration deadline) throws IOException {
        if (welcome != null) {
            return welcome;
        }
        Response answer = exchange(new Request.Hello(Protocol.VERSION, Protocol.RELEASE), r -> { }, deadline,
                "the daemon's welcome");
        return switch (answer) {
            case Response.Welcome w -> welcome = w;
            case Response.Error e -> throw new DaemonException(e.exitCode(), e.message(), e.hint(), java.util.List.of());
            case Response.ShuttingDown s -> throw new DaemonException("the daemon is shutting down",
                    "run the command again");
            case Response.Progress p -> throw unexpected(answer);
            case Response.StatusChanged c -> throw unexpected(answer);
            case Response.Result r -> throw unexpected(answer);
            case Response.StatusReport s -> throw unexpected(answer);
        };
    }

    /** Sends the request and returns the final response; streamed responses go to {@code onStream}. No deadline. */
    public Response call(Request request, Consumer<Response> onStream) throws IOException {
        return call(request, onStream, null);
    }

    /**
     * Sends the request and returns the final response; streamed responses go to {@code onStream} as they arrive.
     * With a {@code deadline}, the whole exchange must end within it (else a {@link DaemonException}).
     * A {@link Response.ShuttingDown} is returned like any answer: {@link DaemonConnector} retries it.
     */
    public Response call(Request request, Consumer<Response> onStream, Duration deadline) throws IOException {
        if (welcome == null) {
            throw new IllegalStateException("call() before hello()");
        }
        if (called || request instanceof Request.Hello) {
            throw new IllegalStateException("one request per connection");
        }
        called = true;
        return exchange(request, onStream, deadline, "the answer to " + request.tag());
    }

    /** The daemon's welcome, once {@link #hello} succeeded. */
    public Optional<Response.Welcome> welcome() {
        return Optional.ofNullable(welcome);
    }

    public Path socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private Response exchange(Request request, Consumer<Response> onStream, Duration deadline, String awaited)
            throws IOException {
        Thread watchdog = deadline == null ? null : startWatchdog(deadline);
        try {
            Frames.write(out, request);
            while (true) {
                Response response = Printable.of(Frames.readResponse(in)); // HD-8: it is printed
                if (Protocol.isFinal(response)) {
                    return response;
                }
                onStream.accept(response);
            }
        } catch (ProtocolException e) {
            throw e; // a frame we refuse to send or to read: not the daemon going away
        } catch (IOException e) {
            if (timedOut) {
                throw timeout(deadline, awaited);
            }
            // EOF, a reset (a daemon that closes with our request unread makes the kernel reset) or a broken pipe:
            // the daemon hung up, because it died or is exiting; DaemonConnector decides whether to ask again
            throw DaemonException.closedByDaemon("the daemon closed the connection while waiting for " + awaited
                    + (e instanceof EOFException ? "" : " (" + e.getMessage() + ")"),
                    "see .envy/logs/daemon.log and run the command again");
        } finally {
            if (watchdog != null) {
                watchdog.interrupt();
            }
        }
    }

    /** Closes the channel when the deadline passes, which ends a blocked read. */
    private Thread startWatchdog(Duration deadline) {
        return Thread.ofPlatform().daemon(true).name("envy-client-deadline").start(() -> {
            try {
                Thread.sleep(deadline);
            } catch (InterruptedException answered) {
                return;
            }
            timedOut = true;
            try {
                channel.close();
            } catch (IOException ignored) {
                // the read fails either way
            }
        });
    }

    private static DaemonException timeout(Duration deadline, String awaited) {
        return new DaemonException("no answer from the daemon within " + Deadlines.words(deadline) + " while waiting for "
                + awaited, "see .envy/logs/daemon.log");
    }

    private static DaemonException unexpected(Response answer) {
        return new DaemonException("the daemon answered the handshake with " + answer.tag(),
                "run `envy down` and try again");
    }
}

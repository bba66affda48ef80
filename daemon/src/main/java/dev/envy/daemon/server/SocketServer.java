package dev.envy.daemon.server;

import dev.envy.host.fs.DaemonLock;

import dev.envy.core.protocol.Frames;
import dev.envy.core.protocol.Protocol;
import dev.envy.core.protocol.ProtocolException;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import org.newsclub.net.unix.AFUNIXServerSocket;
import org.newsclub.net.unix.AFUNIXSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon's Unix socket (CS-2). Every connection gets its own thread, which checks that the peer is the same
 * user (CS-10), reads the {@link Request.Hello} and answers {@link Response.Welcome} or, for another protocol
 * version, an error telling the user to run {@code envy down} (CS-11); then it reads the one request and hands it
 * to the {@link RequestHandler} with an {@link Exchange} for the answers. After {@link #stopAccepting()} no new
 * connection is taken, but exchanges in flight keep their sockets until they are answered (CS-7) or {@link #close()}.
 */
public final class SocketServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SocketServer.class.getName());

    /** How long a connected client may take to send its hello and its request. */
    static final int HANDSHAKE_TIMEOUT_MILLIS = 30_000;

    private final Path socketPath;
    private final RequestHandler handler;
    private final long expectedUid;
    private final Set<AFUNIXSocket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private volatile AFUNIXServerSocket server;
    private volatile Thread acceptor;

    public SocketServer(Path socketPath, RequestHandler handler, long expectedUid) {
        this.socketPath = socketPath;
        this.handler = handler;
        this.expectedUid = expectedUid;
    }

    /**
     * Binds and starts accepting. The holder of the daemon lock is the only daemon of the environment, so a socket
     * file left at the path is stale (CS-5): it is removed and that is logged.
     */
    public void start(DaemonLock heldLock) throws IOException {
        if (!heldLock.isHeld()) {
            throw new IllegalStateException("the daemon lock " + heldLock.file() + " is no longer held");
        }
        if (Files.deleteIfExists(socketPath)) {
            LOG.log(System.Logger.Level.INFO, "removed stale socket " + socketPath
                    + " (its daemon no longer holds " + heldLock.file() + ")");
        }
        start();
    }

    /** Binds and starts accepting; fails when a file already exists at the socket path. */
    public void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        if (Files.exists(socketPath, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new SocketException("cannot bind " + socketPath + ": the file exists");
        }
        AFUNIXServerSocket s = AFUNIXServerSocket.newInstance();
        s.setReuseAddress(false);
        s.setDeleteOnClose(false);
        s.bind(AFUNIXSocketAddress.of(socketPath.toFile()));
        server = s;
        Thread t = Thread.ofPlatform().name("envy-socket-accept").daemon(true).unstarted(this::acceptLoop);
        acceptor = t;
        t.start();
        LOG.log(System.Logger.Level.INFO, "listening on " + socketPath);
    }

    /** The socket path this server binds. */
    public Path socketPath() {
        return socketPath;
    }

    /** Connections currently open (handshaking or with a request in flight). */
    public int openConnections() {
        return connections.size();
    }

    /**
     * Takes no new connection from now on; answers to exchanges in flight are still delivered. The socket file stays
     * until {@link #close()}, so a client connecting meanwhile is refused and treats the daemon as going away.
     */
    public void stopAccepting() {
        AFUNIXServerSocket s = server;
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the server socket", e);
        }
        Thread t = acceptor;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops accepting, closes every remaining connection (their close actions run) and removes the socket file. */
    @Override
    public void close() {
        stopAccepting();
        for (AFUNIXSocket c : connections) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        try {
            Files.deleteIfExists(socketPath);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove " + socketPath + ": " + e.getMessage());
        }
    }

    private void acceptLoop() {
        AFUNIXServerSocket s = server;
        while (!s.isClosed()) {
            AFUNIXSocket socket;
            try {
                socket = s.accept();
            } catch (IOException e) {
                if (!s.isClosed()) {
                    LOG.log(System.Logger.Level.WARNING, "accept failed: " + e.getMessage());
                    pause(); // e.g. out of file descriptors: do not spin
                }
                continue;
            }
            connections.add(socket);
            Thread.ofPlatform().name("envy-connection-" + connectionCount.incrementAndGet()).daemon(true)
                    .start(() -> {
                        try {
                            serve(socket);
                        } finally {
                            connections.remove(socket);
                        }
                    });
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(AFUNIXSocket socket) {
        SocketExchange exchange = null;
        try {
            long peerUid = socket.getPeerCredentials().getUid();
            if (peerUid != expectedUid) {
                LOG.log(System.Logger.Level.WARNING, "refused a connection from uid " + peerUid + " (pid "
                        + socket.getPeerCredentials().getPid() + "): only uid " + expectedUid + " may connect");
                return;
            }
            socket.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            if (!handshake(in, out)) {
                return;
            }
            Request request = Frames.readRequest(in);
            if (request instanceof Request.Hello) {
                Frames.write(out, new Response.Error(2, "a second hello on one connection", "send one request"));
                return;
            }
            socket.setSoTimeout(0);
            exchange = new SocketExchange(out, socket);
            dispatch(request, exchange);
            awaitHangUp(in);
        } catch (ProtocolException e) {
            LOG.log(System.Logger.Level.WARNING, "a client broke the protocol: " + e.getMessage());
            try {
                Frames.write(socket.getOutputStream(), new Response.Error(2, "malformed message: " + e.getMessage(),
                        "use an envy client of the daemon's version"));
            } catch (IOException ignored) {
                // the client is gone as well
            }
        } catch (SocketTimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "a client sent no request within "
                    + HANDSHAKE_TIMEOUT_MILLIS / 1000 + " s; closed it");
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "connection ended: " + e.getMessage());
        } finally {
            if (exchange != null) {
                exchange.ended();
            }
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    /** Reads the hello and answers it; false when the connection must end (the answer was an error). */
    private boolean handshake(InputStream in, OutputStream out) throws IOException {
        Request first = Frames.readRequest(in);
        if (!(first instanceof Request.Hello hello)) {
            Frames.write(out, new Response.Error(2, "expected a hello, got " + first.tag(),
                    "use an envy client of the daemon's version"));
            return false;
        }
        if (hello.protocolVersion() != Protocol.VERSION) {
            LOG.log(System.Logger.Level.WARNING, "client " + hello.clientVersion() + " speaks protocol "
                    + hello.protocolVersion() + "; refused");
            Frames.write(out, new Response.Error(3, "envy client speaks protocol " + hello.protocolVersion()
                    + " but the daemon speaks " + Protocol.VERSION, "run `envy down` and try again"));
            return false;
        }
        Frames.write(out, new Response.Welcome(Protocol.VERSION, Protocol.RELEASE, ProcessHandle.current().pid()));
        return true;
    }

    private void dispatch(Request request, SocketExchange exchange) {
        try {
            handler.handle(request, exchange);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "handling " + request.tag() + " failed", e);
            exchange.reply(new Response.Error(1, "the daemon failed to handle " + request.tag() + ": " + e,
                    "see .envy/logs/daemon.log"));
        }
    }

    /** The client sends nothing after its request: this returns when it hangs up or the socket is closed. */
    private static void awaitHangUp(InputStream in) throws IOException {
        byte[] discard = new byte[256];
        while (in.read(discard) >= 0) {
            // bytes after the request are ignored
        }
    }
}

package dev.envy.cli;

import dev.envy.core.protocol.Frames;
import dev.envy.core.protocol.Protocol;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.core.protocol.ServiceView;
import dev.envy.core.runtime.DaemonInfo;
import dev.envy.core.runtime.RuntimePaths;
import dev.envy.host.fs.RuntimeDir;
import dev.envy.host.fs.RuntimeDirException;
import dev.envy.host.os.CurrentUser;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * What {@link AotTraining}'s commands talk to, so that the start-up cache holds the path of a command that reaches a
 * daemon (connecting, the handshake, the codec, the status table) and not only the path of one that finds none: a
 * thread of the training JVM that holds the environment's daemon lock, writes {@code daemon.json}, and answers on the
 * socket as a daemon with the training manifest's services up would. It starts no process and is gone when
 * {@link #close} returns or the training JVM exits.
 */
final class TrainingDaemon implements AutoCloseable {
    private final RuntimePaths paths;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ServerSocketChannel server;
    private final Thread thread;

    private TrainingDaemon(RuntimePaths paths, FileChannel lockChannel, FileLock lock, ServerSocketChannel server) {
        this.paths = paths;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.server = server;
        this.thread = Thread.ofPlatform().daemon(true).name("envy-training-daemon").start(this::serve);
    }

    /** Serves the environment at {@code canonicalProjectDir}, its runtime dir placed by {@code env}. */
    static TrainingDaemon start(Path canonicalProjectDir, Map<String, String> env) throws IOException {
        RuntimePaths paths = RuntimePaths.resolve(canonicalProjectDir, CurrentUser.uid(), env);
        try {
            RuntimeDir.prepare(paths.runtimeDir(), CurrentUser.uid());
        } catch (RuntimeDirException e) {
            throw new IOException(e.getMessage(), e);
        }
        FileChannel lockChannel = FileChannel.open(paths.daemonLock(), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = lockChannel.tryLock();
        if (lock == null) {
            lockChannel.close();
            throw new IOException("the training project's daemon lock is held by another process");
        }
        long pid = ProcessHandle.current().pid();
        Files.writeString(paths.daemonJson(), new DaemonInfo(pid, System.currentTimeMillis(), Protocol.RELEASE,
                Protocol.VERSION, paths.socket().toString()).toJson());
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(paths.socket()));
        return new TrainingDaemon(paths, lockChannel, lock, server);
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel channel = server.accept()) {
                if (!answer(Channels.newInputStream(channel), Channels.newOutputStream(channel))) {
                    break;
                }
            } catch (IOException e) {
                // closed by close(), or a client that hung up: the next one is served
            }
        }
        try {
            close();
        } catch (IOException ignored) {
            // the training ends anyway
        }
    }

    /** One connection: the handshake and one request; false after {@code down}, as a daemon then exits. */
    private boolean answer(InputStream in, OutputStream out) throws IOException {
        long pid = ProcessHandle.current().pid();
        Frames.readRequest(in);
        Frames.write(out, new Response.Welcome(Protocol.VERSION, Protocol.RELEASE, pid));
        Request request = Frames.readRequest(in);
        Frames.write(out, request instanceof Request.Status
                ? new Response.StatusReport(services(pid), false, 1, false)
                : new Response.Result(0, List.of(), List.of(), services(pid)));
        return !(request instanceof Request.Down);
    }

    /** The training manifest's services as a daemon reports them once they are up. */
    private static List<ServiceView> services(long pid) {
        long now = System.currentTimeMillis();
        return List.of(
                new ServiceView("cache", "running", true, pid, now - 61_000, now - 61_000, 0, -1, null, null),
                new ServiceView("db", "running", true, pid, now - 3_700_000, now - 3_700_000, 1, -1, null, null),
                new ServiceView("migrate", "completed", false, -1, now - 60_000, now - 61_000, 0, 0, null, null),
                new ServiceView("web", "running", true, pid, now - 59_000, now - 59_000, 0, -1, null, null,
                        "ready", Map.of("http", 8080)));
    }

    /** Stops answering, removes the socket and lets the lock go (a daemon's exit, without the processes). */
    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(paths.socket());
        if (lock.isValid()) {
            lock.release();
        }
        lockChannel.close();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

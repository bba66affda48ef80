package dev.envy.host.client;

import dev.envy.core.protocol.Frames;
import dev.envy.core.protocol.Protocol;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.core.runtime.DaemonInfo;
import dev.envy.core.runtime.RuntimePaths;

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

/**
 * A stand-in for {@code dev.envy.daemon.DaemonMain} that the launcher tests spawn: it takes {@code daemon.lock}
 * (exiting at once when it cannot, like the real one), records its pid in {@code <project>/starts.txt}, writes
 * {@code daemon.json}, binds the socket and answers: {@code status} with a report, {@code down} with a result and
 * an exit. System properties: {@code envy.test.runtimeDir} (required), {@code envy.test.mode} = {@code serve}
 * (default), {@code die} (print to stderr and exit 7), {@code silent} (hold the lock, never bind),
 * {@code shutdown-once} (the first daemon of a project answers shutting-down, then exits), {@code drop-once} (the
 * first daemon reads the request and exits without an answer, as a daemon does between deciding to exit and removing
 * its socket).
 * It ends by itself after a minute so that a failed test leaves nothing behind for long.
 */
public final class FakeDaemon {

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args[1]);
        RuntimePaths paths = RuntimePaths.in(Path.of(System.getProperty("envy.test.runtimeDir")));
        String mode = System.getProperty("envy.test.mode", "serve");
        Thread.ofPlatform().daemon(true).start(() -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException ignored) {
                // exit anyway
            }
            System.exit(9);
        });
        if (mode.equals("die")) {
            System.err.println("boom: the fake daemon cannot start");
            System.exit(7);
        }
        FileChannel lockChannel = FileChannel.open(paths.daemonLock(), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = lockChannel.tryLock();
        if (lock == null) {
            System.err.println("another daemon holds the lock");
            System.exit(1);
        }
        Path starts = project.resolve("starts.txt");
        boolean first = !Files.exists(starts);
        long pid = ProcessHandle.current().pid();
        Files.writeString(starts, pid + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        // what it was started with: its environment, and which signals it ignores
        Files.write(project.resolve("environment-" + pid + ".txt"), System.getenv().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).sorted().toList());
        Files.write(project.resolve("sigign-" + pid + ".txt"), Files.readAllLines(Path.of("/proc/self/status"))
                .stream().filter(l -> l.startsWith("SigIgn:")).toList());
        Files.writeString(paths.daemonJson(), new DaemonInfo(pid, System.currentTimeMillis(), Protocol.RELEASE,
                Protocol.VERSION, paths.socket().toString()).toJson());
        System.out.println("fake daemon " + pid + " up, mode " + mode);
        if (mode.equals("silent")) {
            Thread.sleep(60_000);
            return;
        }
        boolean shuttingDown = mode.equals("shutdown-once") && first;
        boolean drops = mode.equals("drop-once") && first;
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(paths.socket()));
        while (true) {
            SocketChannel ch = server.accept();
            Thread.ofPlatform().start(() -> serve(ch, pid, shuttingDown, drops, paths));
        }
    }

    private static void serve(SocketChannel ch, long pid, boolean shuttingDown, boolean drops,
            RuntimePaths paths) {
        try (ch) {
            InputStream in = Channels.newInputStream(ch);
            OutputStream out = Channels.newOutputStream(ch);
            Frames.readRequest(in);
            Frames.write(out, new Response.Welcome(Protocol.VERSION, Protocol.RELEASE, pid));
            Request request = Frames.readRequest(in);
            if (drops) {
                exit(paths);
            }
            if (shuttingDown) {
                Frames.write(out, new Response.ShuttingDown());
                exit(paths);
            }
            switch (request) {
                case Request.Down d -> {
                    Frames.write(out, new Response.Result(0, List.of("down"), List.of(), List.of()));
                    exit(paths);
                }
                default -> Frames.write(out, new Response.StatusReport(List.of(), false, 0, false));
            }
        } catch (IOException e) {
            System.err.println("fake daemon: " + e);
        }
    }

    private static void exit(RuntimePaths paths) throws IOException {
        Files.deleteIfExists(paths.socket());
        System.out.println("fake daemon exits");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

}

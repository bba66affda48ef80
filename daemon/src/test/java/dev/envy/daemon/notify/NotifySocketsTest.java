package dev.envy.daemon.notify;

import dev.envy.daemon.loop.NotifyPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RD-1 against the real kernel: systemd's own client and Python's socket module send to the socket unchanged. */
class NotifySocketsTest {

    @TempDir
    Path dir;

    private static int send(String address, String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(args).redirectErrorStream(true);
        pb.environment().put("NOTIFY_SOCKET", address);
        Process p = pb.start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the sender finished");
        return p.exitValue();
    }

    private static final String PYTHON_CLIENT = """
            import os, socket, sys
            addr = os.environ["NOTIFY_SOCKET"]
            if addr[0] == "@":
                addr = "\\0" + addr[1:]
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
                s.connect(addr)
                s.sendall(sys.argv[1].encode())
            """;

    @Test
    void aDatagramSentBeforeListeningWaitsAndArrivesInOrder() throws Exception {
        NotifySockets sockets = new NotifySockets(dir.resolve("notify"), m -> { });
        try (NotifyPort.Socket socket = sockets.open("api")) {
            assertTrue(Files.exists(Path.of(socket.address())), "the socket is bound before the process runs");
            assertEquals(0, send(socket.address(), "python3", "-c", PYTHON_CLIENT, "STATUS=early"));
            BlockingQueue<String> got = new LinkedBlockingQueue<>();
            socket.listen(got::add);
            assertEquals(0, send(socket.address(), "python3", "-c", PYTHON_CLIENT, "READY=1\nSTATUS=up"));
            assertEquals("STATUS=early", got.poll(10, TimeUnit.SECONDS));
            assertEquals("READY=1\nSTATUS=up", got.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void systemdNotifyWorksUnchanged() throws Exception {
        Path systemdNotify = Path.of("/usr/bin/systemd-notify");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(systemdNotify), "systemd-notify is installed");
        NotifySockets sockets = new NotifySockets(dir.resolve("notify"), m -> { });
        try (NotifyPort.Socket socket = sockets.open("api")) {
            BlockingQueue<String> got = new LinkedBlockingQueue<>();
            socket.listen(got::add);
            send(socket.address(), systemdNotify.toString(), "--ready", "--status=Serving");
            String datagram = got.poll(10, TimeUnit.SECONDS);
            assertTrue(datagram != null && datagram.contains("READY=1") && datagram.contains("STATUS=Serving"),
                    "got " + datagram);
        }
    }

    @Test
    void aPathTooLongForSockaddrUnGoesToTheAbstractNamespace() throws Exception {
        Path deep = dir.resolve("x".repeat(60)).resolve("y".repeat(60));
        NotifySockets sockets = new NotifySockets(deep, m -> { });
        try (NotifyPort.Socket socket = sockets.open("api")) {
            assertTrue(socket.address().startsWith("@envy-notify-"), socket.address());
            BlockingQueue<String> got = new LinkedBlockingQueue<>();
            socket.listen(got::add);
            assertEquals(0, send(socket.address(), "python3", "-c", PYTHON_CLIENT, "READY=1"));
            assertEquals("READY=1", got.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void closingStopsItsThreadAndRemovesTheFile() throws Exception {
        NotifySockets sockets = new NotifySockets(dir.resolve("notify"), m -> { });
        NotifyPort.Socket socket = sockets.open("api");
        socket.listen(m -> { });
        Path file = Path.of(socket.address());
        socket.close();
        assertFalse(Files.exists(file));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (receiverAlive() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertFalse(receiverAlive(), "the receiving thread ends when the socket closes");
    }

    private static boolean receiverAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("envy-notify-api"));
    }
}

package dev.envy.daemon.probe;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TcpConnectsTest {

    static final Duration TIMEOUT = Duration.ofSeconds(5);
    final TcpConnects tcp = new TcpConnects();

    @AfterEach
    void tearDown() {
        tcp.close();
    }

    @Test
    void aLocalPortThatListensPassesWithinTheCall() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Boolean> result = tcp.connect("127.0.0.1", server.getLocalPort(), TIMEOUT);
            assertTrue(result.isDone(), "a local connect ends in the caller's thread: no hand-off, no timer");
            assertTrue(result.get());
        }
    }

    @Test
    void aClosedLocalPortFailsWithinTheCall() throws Exception {
        int port;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
        }
        CompletableFuture<Boolean> result = tcp.connect("127.0.0.1", port, TIMEOUT);
        assertTrue(result.isDone());
        assertFalse(result.get());
    }

    @Test
    void aHostNameIsResolvedAndConnectedOnTheCheckThread() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) { // every address: localhost may be ::1 or 127.0.0.1
            assertTrue(tcp.connect("localhost", server.getLocalPort(), TIMEOUT).get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aNameThatDoesNotResolveFails() throws Exception {
        assertFalse(tcp.connect("no-such-host.invalid", 80, TIMEOUT).get(10, TimeUnit.SECONDS));
    }

    @Test
    void aConnectThatGetsNoAnswerFailsAtItsDeadline() throws Exception {
        // a listener that accepts nothing with a backlog of 1: once its queue is full the kernel drops further SYNs,
        // so a connect stays under way (as to a filtered remote port) until the check's deadline
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            CompletableFuture<Boolean> last = null;
            long started = 0;
            for (int i = 0; i < 10 && (last == null || last.isDone()); i++) {
                started = System.nanoTime();
                last = tcp.connect("127.0.0.1", port, Duration.ofMillis(300));
            }
            assertFalse(last.isDone(), "the listener's queue never filled up");
            assertFalse(last.get(10, TimeUnit.SECONDS));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(tookMillis >= 290, "failed after " + tookMillis + " ms, before its deadline");
        }
    }

    @Test
    void closeFailsWhatIsUnderWayAndEveryLaterCheck() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Boolean> last = null;
            for (int i = 0; i < 10 && (last == null || last.isDone()); i++) {
                last = tcp.connect("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(60));
            }
            tcp.close();
            assertEquals(false, last.get(10, TimeUnit.SECONDS));
            assertFalse(tcp.connect("localhost", server.getLocalPort(), TIMEOUT).get(10, TimeUnit.SECONDS));
        }
    }
}

package dev.envy.daemon.server;

import dev.envy.host.fs.DaemonLock;

import dev.envy.host.os.CurrentUser;
import dev.envy.host.client.DaemonClient;
import dev.envy.core.protocol.Frames;
import dev.envy.core.protocol.Protocol;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SocketServerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private Path socket;
    private final BlockingQueue<Exchange> exchanges = new ArrayBlockingQueue<>(10);
    private final List<Request> requests = new ArrayList<>();
    private volatile RequestHandler behaviour = (request, exchange) -> exchanges.add(exchange);
    private SocketServer server;

    @BeforeEach
    void start() throws Exception {
        socket = tmp.resolve("daemon.sock");
        server = new SocketServer(socket, (request, exchange) -> {
            synchronized (requests) {
                requests.add(request);
            }
            behaviour.handle(request, exchange);
        }, CurrentUser.uid());
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private DaemonClient client() throws IOException {
        DaemonClient c = DaemonClient.connect(socket).orElseThrow(() -> new AssertionError("no server on " + socket));
        c.hello(DEADLINE);
        return c;
    }

    @Test
    void streamedResponsesArriveInOrderBeforeTheFinalReply() throws Exception {
        behaviour = (request, exchange) -> {
            assertTrue(exchange.stream(new Response.Progress("db", "starting", null)));
            assertTrue(exchange.stream(new Response.Progress("db", "ready", "after 0.1s")));
            assertTrue(exchange.reply(new Response.Result(0, List.of("db: started"), List.of(), List.of())));
            assertFalse(exchange.isOpen());
            assertFalse(exchange.reply(new Response.Result(1, List.of(), List.of(), List.of())), "second reply");
        };
        List<Response> streamed = new ArrayList<>();
        try (DaemonClient c = client()) {
            Response.Welcome welcome = c.welcome().orElseThrow();
            assertEquals(Protocol.VERSION, welcome.protocolVersion());
            assertEquals(ProcessHandle.current().pid(), welcome.daemonPid());
            Response answer = c.call(new Request.Start(List.of("db"), true, 1000), streamed::add, DEADLINE);
            assertEquals(new Response.Result(0, List.of("db: started"), List.of(), List.of()), answer);
        }
        assertEquals(List.of(new Response.Progress("db", "starting", null),
                new Response.Progress("db", "ready", "after 0.1s")), streamed);
        assertEquals(List.of(new Request.Start(List.of("db"), true, 1000)), requests);
    }

    @Test
    void CS_11_anotherProtocolVersionIsToldToRunEnvyDown() throws Exception {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            Frames.write(Channels.newOutputStream(ch), new Request.Hello(99, "9.9.9"));
            Response answer = Frames.readResponse(Channels.newInputStream(ch));
            assertEquals(new Response.Error(3, "envy client speaks protocol 99 but the daemon speaks " + Protocol.VERSION,
                    "run `envy down` and try again"), answer);
        }
        assertTrue(requests.isEmpty(), "no request reached the handler");
    }

    @Test
    void aRequestBeforeTheHelloIsRefused() throws Exception {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            Frames.write(Channels.newOutputStream(ch), new Request.Down());
            Response answer = Frames.readResponse(Channels.newInputStream(ch));
            assertEquals(2, assertInstanceOf(Response.Error.class, answer).exitCode());
        }
        assertTrue(requests.isEmpty(), "the down never reached the handler");
    }

    @Test
    void aMalformedFrameIsAnsweredWithAnErrorAndNothingIsHandled() throws Exception {
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            Frames.write(Channels.newOutputStream(ch), "{\"type\":\"hello\"".getBytes(StandardCharsets.UTF_8));
            Response.Error answer = assertInstanceOf(Response.Error.class,
                    Frames.readResponse(Channels.newInputStream(ch)));
            assertTrue(answer.message().startsWith("malformed message"), answer.message());
        }
    }

    @Test
    void aClientThatHangsUpRunsTheCloseActions() throws Exception {
        CountDownLatch gone = new CountDownLatch(1);
        behaviour = (request, exchange) -> {
            exchange.onClose(gone::countDown);
            exchanges.add(exchange);
        };
        DaemonClient c = client();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                c.call(new Request.Status(List.of()), r -> { });
            } catch (IOException expected) {
                // closed under it
            }
        });
        Exchange exchange = exchanges.poll(10, TimeUnit.SECONDS);
        assertTrue(exchange != null, "the request did not reach the handler within 10 s");
        c.close();
        assertTrue(gone.await(10, TimeUnit.SECONDS), "onClose did not run within 10 s of the hang-up");
        assertFalse(exchange.isOpen());
        assertFalse(exchange.stream(new Response.Progress("db", "stopping", "late")),
                "nothing is sent after the hang-up");
        AtomicInteger late = new AtomicInteger();
        exchange.onClose(late::incrementAndGet);
        assertEquals(1, late.get(), "a close action registered afterwards runs at once");
        caller.join(10_000);
    }

    @Test
    void closeActionsDoNotRunAfterAReply() throws Exception {
        AtomicInteger closed = new AtomicInteger();
        behaviour = (request, exchange) -> {
            exchange.onClose(closed::incrementAndGet);
            exchange.reply(new Response.Result(0, List.of(), List.of(), List.of()));
        };
        try (DaemonClient c = client()) {
            c.call(new Request.Reload(), r -> { }, DEADLINE);
        }
        await(() -> server.openConnections() == 0, "the server to drop the answered connection");
        assertEquals(0, closed.get());
    }

    @Test
    void aFailingHandlerAnswersAnError() throws Exception {
        behaviour = (request, exchange) -> {
            throw new IllegalStateException("bug");
        };
        try (DaemonClient c = client()) {
            Response answer = c.call(new Request.Reload(), r -> { }, DEADLINE);
            assertEquals(1, assertInstanceOf(Response.Error.class, answer).exitCode());
        }
    }

    @Test
    void CS_7_requestsAcceptedBeforeShutdownAreStillAnswered() throws Exception {
        BlockingQueue<Response> answers = new ArrayBlockingQueue<>(1);
        DaemonClient c = client();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                answers.add(c.call(new Request.Down(), r -> { }, DEADLINE));
            } catch (IOException e) {
                answers.add(new Response.Error(99, e.toString(), null));
            }
        });
        Exchange inFlight = exchanges.poll(10, TimeUnit.SECONDS);
        assertTrue(inFlight != null, "the down did not reach the handler within 10 s");
        server.stopAccepting();
        assertTrue(DaemonClient.connect(socket).isEmpty(), "a new client is refused once accepting stopped");
        assertTrue(inFlight.reply(new Response.Result(0, List.of("stopped"), List.of(), List.of())));
        assertEquals(new Response.Result(0, List.of("stopped"), List.of(), List.of()),
                answers.poll(10, TimeUnit.SECONDS));
        caller.join(10_000);
        assertTrue(Files.exists(socket), "the socket file stays until close");
        server.close();
        assertFalse(Files.exists(socket), "close removes the socket file");
        c.close();
    }

    @Test
    void closeEndsOpenExchangesSoTheirCloseActionsRun() throws Exception {
        CountDownLatch gone = new CountDownLatch(1);
        behaviour = (request, exchange) -> {
            exchange.onClose(gone::countDown);
            exchanges.add(exchange);
        };
        try (DaemonClient c = client()) {
            Thread.ofPlatform().start(() -> {
                try {
                    c.call(new Request.Status(List.of()), r -> { });
                } catch (IOException expected) {
                    // the server closed
                }
            });
            assertTrue(exchanges.poll(10, TimeUnit.SECONDS) != null, "the request did not arrive within 10 s");
            server.close();
            assertTrue(gone.await(10, TimeUnit.SECONDS), "close did not end the exchange within 10 s");
        }
    }

    @Test
    void CS_5_theLockHolderReplacesAStaleSocketFile() throws Exception {
        Path stale = tmp.resolve("stale.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(stale));
        }
        assertTrue(Files.exists(stale), "a closed server leaves its socket file");
        SocketServer without = new SocketServer(stale, behaviour, CurrentUser.uid());
        assertThrows(IOException.class, without::start, "without the lock the file is not touched");
        try (DaemonLock lock = DaemonLock.tryAcquire(tmp.resolve("daemon.lock")).orElseThrow();
             SocketServer replacing = new SocketServer(stale, (r, e) -> e.reply(new Response.ShuttingDown()),
                     CurrentUser.uid())) {
            replacing.start(lock);
            try (DaemonClient c = DaemonClient.connect(stale).orElseThrow()) {
                c.hello(DEADLINE);
                assertInstanceOf(Response.ShuttingDown.class, c.call(new Request.Up(false, 0), r -> { }, DEADLINE));
            }
        }
    }

    @Test
    void CS_10_aConnectionFromAnotherUserIsClosedWithoutAWelcome() throws Exception {
        assumeTrue(CurrentUser.uid() == 0, "needs root to run a client as nobody");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv");
        // let nobody reach the socket at all, so that only the uid check can refuse it
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rwxrwxrwx"));
        byte[] hello = framed(new Request.Hello(Protocol.VERSION, "0.1.0"));
        Process p = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                "/usr/bin/python3", "-c", """
                import socket, sys
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.settimeout(10)
                s.connect(sys.argv[1])
                try:
                    s.sendall(bytes.fromhex(sys.argv[2]))
                except OSError:
                    pass
                try:
                    data = s.recv(65536)
                except OSError as e:
                    data = b''
                print('closed' if not data else 'answered ' + data.decode('utf-8', 'replace'))
                """, socket.toString(), java.util.HexFormat.of().formatHex(hello))
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the nobody client did not finish within 20 s");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals("closed", out);
        assertTrue(requests.isEmpty());
        // and the same client as root is welcomed, so the refusal above was the uid check
        try (DaemonClient c = client()) {
            assertTrue(c.welcome().isPresent());
        }
    }

    private static byte[] framed(Request request) throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        Frames.write(out, request);
        return out.toByteArray();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out after " + DEADLINE + " waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

}

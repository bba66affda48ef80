package dev.envy.daemon.probe;

import com.sun.net.httpserver.HttpServer;
import dev.envy.core.manifest.Readiness;
import dev.envy.host.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProbesTest {

    static final Duration FAST = Duration.ofMillis(50);
    static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin", "MARK", "ready-file");

    @TempDir
    Path dir;
    final Probes probes = new Probes();
    final AtomicInteger passes = new AtomicInteger();
    HttpServer server;

    @AfterEach
    void tearDown() {
        probes.close();
        if (server != null) {
            server.stop(0);
        }
    }

    ProbeHandle start(Readiness.Check check) {
        return probes.start("svc", 1, new Readiness(check, FAST, Duration.ofSeconds(60), Duration.ZERO), ENV, dir,
                passes::incrementAndGet);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    void awaitFailedAttempts(AtomicInteger attempts, int n) {
        Await.until(Duration.ofSeconds(10), n + " failed attempts", () -> attempts.get() >= n);
    }

    @Test
    void commandCheckPassesOnceItExitsZeroInTheServiceEnvironment() throws Exception {
        // fails (exit 1) until the file named by $MARK appears in the working directory
        try (ProbeHandle probe = start(new Readiness.CommandCheck("echo x >> attempts; test -e \"$MARK\""))) {
            Await.until(Duration.ofSeconds(10), "three failed command attempts", () -> attemptCount() >= 3);
            assertEquals(0, passes.get());
            Files.writeString(dir.resolve("ready-file"), "");
            Await.until(Duration.ofSeconds(10), "the command check to pass", () -> passes.get() == 1);
            int attemptsAtPass = attemptCount();
            Await.until(Duration.ofSeconds(2), "the attempts to stop after passing",
                    () -> attemptCount() == attemptsAtPass);
        }
        assertEquals(1, passes.get());
    }

    int attemptCount() {
        try {
            Path f = dir.resolve("attempts");
            return Files.exists(f) ? Files.readAllLines(f).size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    @Test
    void httpCheckKeepsFailingOnAClosedPortUntilAServerAnswers() throws Exception {
        int port = freePort();
        AtomicInteger hits = new AtomicInteger();
        try (ProbeHandle probe = start(new Readiness.HttpCheck(URI.create("http://127.0.0.1:" + port + "/health")))) {
            // let several attempts fail against the closed port: prove they fail by still not having passed
            long until = System.nanoTime() + Duration.ofMillis(400).toNanos();
            Await.until(Duration.ofSeconds(2), "400 ms of failing attempts", () -> System.nanoTime() > until);
            assertEquals(0, passes.get());
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext("/health", exchange -> {
                int n = hits.incrementAndGet();
                exchange.sendResponseHeaders(n < 3 ? 503 : 204, -1);
                exchange.close();
            });
            server.start();
            Await.until(Duration.ofSeconds(10), "the http check to pass", () -> passes.get() == 1);
            assertEquals(3, hits.get(), "two 503 answers fail, the 204 passes");
        }
    }

    @Test
    void tcpCheckKeepsFailingOnAClosedPortUntilAServerListens() throws Exception {
        int port = freePort();
        try (ProbeHandle probe = start(new Readiness.TcpCheck("127.0.0.1", port))) {
            long until = System.nanoTime() + Duration.ofMillis(400).toNanos();
            Await.until(Duration.ofSeconds(2), "400 ms of failing attempts", () -> System.nanoTime() > until);
            assertEquals(0, passes.get());
            try (ServerSocket listening = new ServerSocket(port, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
                Await.until(Duration.ofSeconds(10), "the tcp check to pass", () -> passes.get() == 1);
            }
        }
    }

    @Test
    void logCheckPassesOnTheFirstMatchingLineOnly() {
        try (ProbeHandle probe = start(new Readiness.LogCheck(Pattern.compile("listening on \\d+")))) {
            probe.onLine("starting");
            assertEquals(0, passes.get());
            probe.onLine("server listening on 8080 now");
            probe.onLine("listening on 9090");
            assertEquals(1, passes.get());
        }
    }

    @Test
    void closeStopsFurtherAttempts() throws Exception {
        ProbeHandle probe = start(new Readiness.CommandCheck("echo x >> attempts; exit 1"));
        Await.until(Duration.ofSeconds(10), "two attempts", () -> attemptCount() >= 2);
        probe.close();
        int afterClose = attemptCount();
        // one attempt may have been in flight while closing; none may start afterwards
        long until = System.nanoTime() + Duration.ofMillis(500).toNanos();
        Await.until(Duration.ofSeconds(2), "500 ms after close", () -> System.nanoTime() > until);
        assertEquals(true, attemptCount() <= afterClose + 1, "attempts after close: " + (attemptCount() - afterClose));
        assertEquals(0, passes.get());
    }

    @Test
    void initialDelayPostponesTheFirstAttempt() throws Exception {
        long t0 = System.nanoTime();
        AtomicInteger passedAfterMillis = new AtomicInteger(-1);
        try (ProbeHandle probe = probes.start("svc", 1, new Readiness(new Readiness.CommandCheck("true"), FAST,
                Duration.ofSeconds(60), Duration.ofMillis(300)), ENV, dir,
                () -> passedAfterMillis.set((int) ((System.nanoTime() - t0) / 1_000_000)))) {
            Await.until(Duration.ofSeconds(10), "the delayed check to pass", () -> passedAfterMillis.get() >= 0);
        }
        assertEquals(true, passedAfterMillis.get() >= 300, "passed after " + passedAfterMillis.get() + " ms");
    }

    @Test
    void linesPrintedBeforeTheLogProbeStartsAreReplayedToIt() {
        LineTap tap = new LineTap();
        tap.onLine("booting");
        tap.onLine("ready to serve");
        try (ProbeHandle probe = start(new Readiness.LogCheck(Pattern.compile("ready")))) {
            assertEquals(0, passes.get());
            tap.attach(probe);
            assertEquals(1, passes.get());
            tap.onLine("ready again");
            assertEquals(1, passes.get());
        }
    }
}

package dev.envy.cli.export;

import com.sun.net.httpserver.HttpServer;
import dev.envy.core.manifest.Readiness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The readiness loops of the units, run by a real bash against real sockets and files. */
class ReadinessScriptTest {
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final Duration SHORT = Duration.ofSeconds(1);

    @TempDir
    Path dir;

    record Outcome(int exitCode, String output) {
    }

    private Outcome run(String script, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the loop outlived 30 s: " + script);
        }
        return new Outcome(p.exitValue(), out);
    }

    private Outcome loop(Readiness.Check check, Duration timeout) throws Exception {
        Readiness r = new Readiness(check, INTERVAL, timeout, Duration.ZERO);
        return run(ReadinessScript.loop("svc", r, dir.resolve("svc.log")), Map.of("RUNTIME_DIRECTORY", dir.toString()));
    }

    @Test
    void tcpIsReadyWhenAConnectionIsAcceptedAndFailsAtTheTimeoutWithASentence() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            assertEquals(new Outcome(0, ""), loop(new Readiness.TcpCheck("127.0.0.1", server.getLocalPort()), SHORT));
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertEquals(new Outcome(1, "envy: svc was not ready within 1s (readiness.tcp 127.0.0.1:" + closed + ")\n"),
                loop(new Readiness.TcpCheck("127.0.0.1", closed), SHORT));
    }

    @Test
    void httpIsReadyOnA2xxOr3xxAnswerOnly() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/health", ex -> {
            ex.sendResponseHeaders(ex.getRequestURI().getQuery() == null ? 204 : 500, -1);
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertEquals(0, loop(new Readiness.HttpCheck(URI.create(base + "/health")), SHORT).exitCode());
            assertEquals(1, loop(new Readiness.HttpCheck(URI.create(base + "/health?fail=1")), SHORT).exitCode());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aCommandIsRunByBashInTheWorkingDirectory() throws Exception {
        Files.writeString(dir.resolve("ready"), "");
        assertEquals(new Outcome(0, ""), loop(new Readiness.CommandCheck("test -f ready && echo noise"), SHORT));
        assertEquals(1, loop(new Readiness.CommandCheck("test -f absent"), SHORT).exitCode());
    }

    @Test
    void aLogLineCountsOnlyWhenWrittenSinceTheStart() throws Exception {
        Path log = dir.resolve("svc.log");
        Files.writeString(log, "svc: listening on 1 (an earlier run)\n");
        Map<String, String> env = Map.of("RUNTIME_DIRECTORY", dir.toString());
        assertEquals(0, run(ReadinessScript.logOffset(log), env).exitCode());
        Readiness.Check check = new Readiness.LogCheck(Pattern.compile("listening on \\d+$"));
        assertEquals(1, loop(check, SHORT).exitCode(), "the earlier run's line does not count");
        Files.writeString(log, "svc: starting\nsvc: listening on 8080", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(new Outcome(0, ""), loop(check, SHORT), "a last line without its newline counts");
    }
}

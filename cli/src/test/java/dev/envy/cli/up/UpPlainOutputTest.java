package dev.envy.cli.up;

import dev.envy.cli.FakeDaemon;
import dev.envy.cli.Project;
import dev.envy.core.log.LogFormat;
import dev.envy.host.client.DaemonConnector;
import dev.envy.host.client.Deadlines;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.core.protocol.ServiceView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@code envy up} in the foreground off a terminal: plain progress lines, {@code name | line} logs, stop on request. */
class UpPlainOutputTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();

    private static Response.Result result(int code, ServiceView... views) {
        return new Response.Result(code, List.of(), List.of(), List.of(views));
    }

    private static ServiceView view(String name, String status) {
        return view(name, status, 0);
    }

    private static ServiceView view(String name, String status, long sinceMillis) {
        return new ServiceView(name, status, false, 0, sinceMillis, 0, 0, 0, null, null);
    }

    private static Response.Progress progress(String service, String status) {
        return new Response.Progress(service, status, null);
    }

    private ForegroundUp up(FakeDaemon daemon, StopSignal stop) {
        ForegroundUp.Output output = new ForegroundUp.Output(new PrintWriter(out, true), new PrintWriter(err, true),
                logs, false, false);
        Project project = Project.at(dir);
        return new ForegroundUp(new DaemonConnector(daemon, project.dir(), Deadlines.DEFAULT), project, List.of("db", "web"),
                output, Duration.ofSeconds(5), stop);
    }

    private void logLine(String service, String line) throws Exception {
        Path log = dir.resolve(".envy/logs/" + service + ".log");
        Files.createDirectories(log.getParent());
        byte[] prefix = LogFormat.encodePrefix(Instant.now());
        Files.write(log, (new String(prefix, StandardCharsets.US_ASCII) + line + "\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private String logsText() {
        return logs.toString(StandardCharsets.UTF_8);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out after " + DEADLINE.toSeconds() + "s waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void progressThenThisRunsPrefixedLogsThenStopsEverythingOnRequest() throws Exception {
        logLine("db", "from an older run");
        FakeDaemon daemon = new FakeDaemon()
                .answer(result(0))
                .answer(result(0, view("db", "ready"), view("web", "running")),
                        progress("db", "starting"), progress("db", "ready"), progress("web", "running"))
                // in manifest order, as the daemon answers; web stopped first
                .answer(result(0, view("db", "stopped", 20), view("web", "stopped", 10)));
        StopSignal stop = new StopSignal(new PrintWriter(err, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            try {
                return up(daemon, stop).run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        await("the start to be reported", () -> out.toString().contains("web: running"));
        logLine("web", "listening on 8080");
        logLine("db", "accepting connections");
        await("both new log lines", () -> exit.isDone() || logsText().lines().count() == 2);
        stop.request();

        assertEquals(0, exit.get(DEADLINE.toSeconds(), TimeUnit.SECONDS), "exit code; err: " + err);
        assertEquals("""
                db: starting
                db: ready
                web: running
                envy: stopping the services…
                web: stopped
                db: stopped
                """, out.toString());
        // two pumps, or one that merges them by time: either way each line once, prefixed and padded
        assertEquals(List.of("db  | accepting connections", "web | listening on 8080"), logsText().lines().sorted().toList(),
                "only lines written since envy up began, prefixed and padded");
        assertFalse(logsText().contains("older run"));
        assertInstanceOf(Request.Attach.class, daemon.received.get(0));
        assertEquals(ProcessHandle.current().pid(), ((Request.Attach) daemon.received.get(0)).pid(),
                "envy up registers its own process as the activation");
        assertEquals(new Request.Start(List.of(), true, 5000), daemon.received.get(1));
        assertEquals(new Request.Stop(List.of(), true), daemon.received.get(2));
    }

    @Test
    void aServiceThatFailsToStartStopsEverythingAndExitsOneSayingEachFailureOnce() throws Exception {
        Response.Result failed = new Response.Result(1, List.of(),
                List.of("db: failed with exit code 3", "web: blocked: dependency db failed"),
                List.of(view("db", "failed"), view("web", "blocked")),
                List.of(new Response.LogTail("db", List.of("FATAL: no data directory"))));
        FakeDaemon daemon = new FakeDaemon()
                .answer(result(0))
                .answer(failed, progress("db", "failed"))
                .answer(new Response.Result(0, List.of("web: not running", "db: not running"), List.of(),
                        List.of(view("web", "blocked"), view("db", "failed"))));

        int code = up(daemon, new StopSignal(new PrintWriter(err, true))).run();

        assertEquals(1, code);
        assertEquals(List.of("envy: db: failed with exit code 3", "envy: web: blocked: dependency db failed",
                "envy: the log of db is " + dir.resolve(".envy/logs/db.log")), err.toString().lines().toList(),
                "each failure once; db's last lines are among the streamed logs, not repeated; no log of web, "
                        + "which never ran");
        assertEquals("""
                db: failed
                envy: stopping the services…
                """, out.toString(), "the stop names no service it did not stop");
        assertEquals(new Request.Stop(List.of(), true), daemon.received.get(2), "stopped without waiting for Ctrl-C");
    }
}

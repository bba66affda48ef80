package dev.envy.it.up;

import com.eclipsesource.json.Json;
import dev.envy.it.support.Await;
import dev.envy.it.support.Envy;
import dev.envy.it.support.Projects;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AC-6: `envy up` in the foreground streams prefixed logs, stops everything on Ctrl-C, and a SIGKILL of it tears
 * down; what it and `envy up -d` say is said once: each state, each failure (ST-9: this run's lines only, a log's
 * path only for a service that ran), each service in the stop's summary.
 */
class ForegroundUpTest {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /** Records {@code start NAME} / {@code stop NAME} to $RECORD, prints one line, runs until TERM or INT. */
    private static final String SVC = """
            #!/bin/bash
            trap 'echo "stop $ENVY_SERVICE" >> "$RECORD"; exit 0' TERM INT
            echo "start $ENVY_SERVICE" >> "$RECORD"
            echo "$ENVY_SERVICE is up"
            sleep 1000 &
            wait
            """;

    /**
     * Runs bin/envy with SIGINT and SIGTERM at their defaults, as under an interactive shell, whatever this test
     * JVM inherited (a background job of a non-interactive shell starts with SIGINT ignored).
     */
    private static final String LAUNCH = """
            #!/bin/sh
            exec env --default-signal=INT,TERM "$ENVY_LAUNCHER" "$@"
            """;

    @RegisterExtension
    final Projects projects = new Projects();

    private TestProject chain() {
        return chain("");
    }

    /** db ← api ← web, with {@code apiKeys} added to api's table. */
    private TestProject chain(String apiKeys) {
        TestProject p = projects.withManifest("""
                version = 1

                [services.db]
                command = './svc.sh'

                [services.api]
                command = './svc.sh'
                depends-on = ["db"]
                %s
                [services.web]
                command = './svc.sh'
                depends-on = ["api"]
                """.formatted(apiKeys));
        p.writeFile("svc.sh", SVC);
        p.writeFile("launch.sh", LAUNCH);
        return p;
    }

    private static Envy.Running up(TestProject p) {
        return p.envy().withEnv("ENVY_LAUNCHER", Envy.home().resolve("bin/envy").toString())
                .withExecutable(p.dir().resolve("launch.sh")).start("up");
    }

    @Test
    void AC_6_foregroundUpStreamsPrefixedLogsAndStopsOnCtrlC() throws Exception {
        TestProject p = chain();
        Envy.Running up = up(p);
        awaitOutput(up, "web | web is up");
        long daemon = daemonPid(p);
        long jvm = jvmOf(up);

        // A terminal's Ctrl-C reaches the whole foreground job: the launcher and its JVM.
        signal("INT", up.pid(), jvm);
        Run run = up.await(DEADLINE);

        assertEquals(0, run.exitCode(), "envy up exits 0 after a clean stop: " + run);
        assertEquals(List.of("stop web", "stop api", "stop db"), recorded(p, "stop"), "stopped in reverse order");
        List<String> out = run.stdoutLines();
        for (String line : List.of("db: running", "api: running", "web: running", "db  | db is up",
                "api | api is up", "web | web is up")) {
            assertTrue(out.contains(line), "stdout has '" + line + "': " + run);
        }
        assertTrue(out.indexOf("web: running") < out.indexOf("web | web is up"), "progress, then logs: " + run);
        awaitGone(daemon, "the daemon, once its last activation (envy up) has gone");
    }

    @Test
    void AC_6_foregroundUpKilledWithSigkillStillTearsDown() throws Exception {
        TestProject p = chain();
        Envy.Running up = up(p);
        awaitOutput(up, "web | web is up");
        long daemon = daemonPid(p);

        signal("KILL", jvmOf(up));
        up.await(DEADLINE);

        Await.until("every service to record its stop (have " + p.records() + ")", DEADLINE,
                () -> recorded(p, "stop").size() == 3);
        assertEquals(List.of("stop web", "stop api", "stop db"), recorded(p, "stop"), "torn down in reverse order");
        awaitGone(daemon, "the daemon, after its only activation was killed");
    }

    /** A migration that fails on every run, numbering its runs, between a database and the web app it blocks. */
    private TestProject failingMigration() {
        TestProject p = projects.withManifest("""
                version = 1

                [services.db]
                command = './svc.sh'

                [services.migrate]
                command = './migrate.sh'
                depends-on = ["db"]

                [services.web]
                command = './svc.sh'
                depends-on = { migrate = "completed" }
                """);
        p.writeFile("svc.sh", SVC);
        p.writeFile("migrate.sh", """
                #!/bin/bash
                echo run >> runs
                echo "migrating (run $(wc -l < runs))"
                echo "error: relation users does not exist"
                exit 3
                """);
        return p;
    }

    @Test
    void ST_9_aFailedMigrationInForegroundUpIsSaidOnceWithThisRunsLinesOnly() {
        TestProject p = failingMigration();
        p.run("up").assertExit(1);

        Run run = p.run("up");

        assertEquals(1, run.exitCode(), run.toString());
        List<String> all = Stream.concat(run.stdoutLines().stream(), run.stderr().lines()).toList();
        assertEquals(1, all.stream().filter(l -> l.contains("error: relation users does not exist")).count(),
                "migrate's last words once, as this run's log line: " + run);
        assertTrue(run.stdoutLines().contains("migrate | migrating (run 2)"), run.toString());
        assertTrue(all.stream().noneMatch(l -> l.contains("(run 1)")), "nothing of the earlier run: " + run);
        List<String> err = run.stderr().lines().toList();
        assertEquals(1, err.stream().filter(l -> l.contains("migrate: failed with exit code 3")).count(), run.toString());
        assertEquals(1, err.stream().filter(l -> l.contains("web: blocked")).count(), run.toString());
        assertTrue(err.contains("envy: the log of migrate is " + p.log("migrate")), run.toString());
        assertTrue(all.stream().noneMatch(l -> l.contains("web.log")), "web never ran: no log of it: " + run);
        List<String> summary = after(run.stdoutLines(), "envy: stopping the services…");
        assertEquals(List.of("db: stopped by SIGTERM"), summary.stream().filter(l -> !l.contains(" | ")).toList(),
                "the stop's summary names what it stopped, once: " + run);
    }

    @Test
    void AC_6_ctrlCWhileStartingNamesEachServiceOnce() throws Exception {
        TestProject p = chain("readiness.command = \"false\"\n");
        Envy.Running up = up(p);
        awaitOutput(up, "api: starting (waiting up to 60s for `false` to succeed)");

        signal("INT", up.pid(), jvmOf(up));
        Run run = up.await(DEADLINE);

        assertEquals(0, run.exitCode(), run.toString());
        List<String> summary = after(run.stdoutLines(), "envy: stopping the services…").stream()
                .filter(l -> !l.contains(" | ")).toList();
        for (String name : List.of("db", "api", "web")) {
            assertEquals(1, summary.stream().filter(l -> l.startsWith(name + ": stopped")).count(),
                    name + " once in the summary: " + run);
        }
        assertEquals(3, summary.size(), "nothing else after Ctrl-C: " + run);
        assertEquals(List.of("web", "api", "db"), summary.stream().map(l -> l.substring(0, l.indexOf(':'))).toList(),
                "in the order they stopped: " + run);
    }

    @Test
    void AC_6_upDetachedSaysEachStateOnce() {
        TestProject p = projects.withManifest("""
                version = 1

                [services.a]
                command = 'sleep 1; touch a.ready; exec sleep 1000'
                readiness.command = "test -f a.ready"

                [services.b]
                command = 'exec sleep 1000'
                depends-on = ["a"]
                """);

        Run run = p.run("up", "-d");

        run.assertOk();
        List<String> out = run.stdoutLines();
        assertEquals(1, out.stream().filter(l -> l.startsWith("a: running")).count(), run.toString());
        assertEquals(1, out.stream().filter(l -> l.startsWith("b: running")).count(), run.toString());
        assertTrue(out.contains("a: running (ready)"), run.toString());
    }

    /** The lines after {@code marker}. */
    private static List<String> after(List<String> lines, String marker) {
        int at = lines.indexOf(marker);
        assertTrue(at >= 0, "'" + marker + "' in " + lines);
        return lines.subList(at + 1, lines.size());
    }

    private static void awaitOutput(Envy.Running up, String line) {
        Await.until("envy up to print '" + line + "'", DEADLINE, () -> {
            if (!up.process().isAlive()) {
                throw new AssertionError("envy up exited early:\n" + up.stdoutSoFar() + up.stderrSoFar());
            }
            return up.stdoutSoFar().lines().anyMatch(line::equals);
        });
    }

    /** The CLI's JVM: bin/envy runs it as a child, which is the process registered as the activation. */
    private static long jvmOf(Envy.Running up) {
        return Await.value("the JVM under bin/envy (pid " + up.pid() + ")", DEADLINE, () -> up.process().children()
                .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                .map(ProcessHandle::pid).findFirst());
    }

    private static void signal(String name, long... pids) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("kill", "-" + name));
        for (long pid : pids) {
            command.add(Long.toString(pid));
        }
        Process kill = new ProcessBuilder(command).inheritIO().start();
        assertTrue(kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && kill.exitValue() == 0,
                "kill -" + name + " " + command);
    }

    private static List<String> recorded(TestProject p, String prefix) {
        return p.records().stream().filter(l -> l.startsWith(prefix)).toList();
    }

    private static long daemonPid(TestProject p) {
        return Await.value("daemon.json to name the daemon", DEADLINE, () -> {
            try (Stream<Path> dirs = Files.list(p.runtimeDir())) {
                Optional<Path> json = dirs.map(d -> d.resolve("daemon.json")).filter(Files::exists).findFirst();
                return json.map(f -> {
                    try {
                        return Json.parse(Files.readString(f)).asObject().getLong("pid", -1);
                    } catch (IOException | RuntimeException e) {
                        return -1L;
                    }
                }).filter(pid -> pid > 0);
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    private static void awaitGone(long pid, String what) {
        Await.until(what + " (pid " + pid + ") to exit", DEADLINE, () -> {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
            } catch (IOException e) {
                return true;
            }
        });
    }
}

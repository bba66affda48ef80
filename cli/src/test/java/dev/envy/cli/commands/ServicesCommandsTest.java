package dev.envy.cli.commands;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import dev.envy.cli.CliRun;
import dev.envy.cli.FakeDaemon;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.core.protocol.ServiceView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI side of the services commands against a scripted daemon. */
class ServicesCommandsTest {
    @TempDir
    Path dir;
    FakeDaemon daemon = new FakeDaemon();

    @BeforeEach
    void manifest() throws Exception {
        Files.writeString(dir.resolve("envy.toml"), """
                [services.db]
                command = "sleep 100"
                [services.web]
                command = "sleep 100"
                depends-on = ["db"]
                """);
    }

    private CliRun.Result envy(String... args) {
        return new CliRun(dir).daemons(daemon).run(args);
    }

    private static ServiceView view(String name, String status, long pid) {
        return new ServiceView(name, status, status.equals("running"), pid, 0,
                CliRun.NOW.toEpochMilli() - 125_000, 0, -1, null, null);
    }

    @Test
    void statusWithoutDaemonShowsEveryServiceNotStartedAndStartsNothing() {
        CliRun.Result r = envy("services", "status");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of(
                "NAME  STATUS       READY  PID  UPTIME  RESTARTS  EXIT/SIGNAL",
                "db    not-started  -      -    -       0         -",
                "web   not-started  -      -    -       0         -",
                "(no daemon runs for this environment; `envy up -d` or `envy activate -s` starts one)"),
                r.out().lines().toList());
        assertEquals(0, daemon.startsRequested);
    }

    @Test
    void bareStatusWithoutPicocliPrintsWhatThePicocliPathPrints() {
        Response report = new Response.StatusReport(List.of(view("db", "running", 4100)), false, 1, false);
        daemon.running().answer(report).answer(report);
        CliRun.Result bare = envy("services", "status");
        CliRun.Result parsed = envy("services", "status", "--debug");
        assertEquals(0, bare.exitCode(), bare.toString());
        assertEquals(parsed.exitCode(), bare.exitCode());
        assertEquals(parsed.out(), bare.out());
        assertEquals(parsed.err(), bare.err());
    }

    @Test
    void bareStatusOutsideAProjectFailsLikeThePicocliPath() throws Exception {
        Files.delete(dir.resolve("envy.toml"));
        CliRun.Result bare = envy("services", "status");
        CliRun.Result parsed = envy("services", "status", "--debug");
        assertEquals(2, bare.exitCode(), bare.toString());
        assertEquals(parsed.exitCode(), bare.exitCode());
        assertTrue(bare.err().startsWith("envy: no envy.toml found"), bare.err());
    }

    @Test
    void statusTableShowsWhatTheDaemonReports() {
        daemon.running().answer(new Response.StatusReport(List.of(
                view("db", "running", 4100),
                new ServiceView("web", "failed", false, -1, 0, 0, 2, -1, "SIGSEGV", "crashed twice")), true, 1, false));
        CliRun.Result r = envy("services", "status");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of(
                "NAME  STATUS   READY  PID   UPTIME  RESTARTS  EXIT/SIGNAL",
                "db    running  yes    4100  2m05s   0         -",
                "web   failed   -      -     -       2         SIGSEGV",
                "web: crashed twice",
                "envy.toml changed since it was applied; `envy services reload` applies it"), r.out().lines().toList());
        assertEquals(List.of(new Request.Status(List.of())), daemon.received);
    }

    @Test
    void UP_3_statusWithARunningDaemonShowsWhatRunsEvenWhenTheFileOnDiskIsBroken() throws Exception {
        Files.writeString(dir.resolve("envy.toml"), "[services.db\n");
        daemon.running().answer(new Response.StatusReport(List.of(view("db", "running", 4100)), true, 1, false));
        CliRun.Result r = envy("services", "status", "db");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("db    running"), r.out());
        assertTrue(r.out().contains("envy.toml changed since it was applied"), r.out());
        assertEquals(List.of(new Request.Status(List.of("db"))), daemon.received);
    }

    @Test
    void statusJsonHasEveryField() {
        daemon.running().answer(new Response.StatusReport(List.of(view("db", "running", 4100)), false, 2, true));
        CliRun.Result r = envy("services", "status", "--json");
        JsonObject o = Json.parse(r.out()).asObject();
        assertEquals(true, o.get("daemonRunning").asBoolean());
        assertEquals(2, o.get("activations").asInt());
        JsonObject db = o.get("services").asArray().get(0).asObject();
        assertEquals(4100, db.get("pid").asLong());
        assertTrue(db.get("exitCode").isNull());
    }

    @Test
    void ST_8_unknownNamesAreRefusedWithSuggestionsBeforeTheDaemonIsAsked() {
        daemon.running();
        CliRun.Result r = envy("services", "start", "web", "dbb", "zzz");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("envy: unknown services 'dbb' (did you mean 'db'?), 'zzz'; nothing was done\n"
                + "hint: the services of this project are: db, web\n", r.err());
        assertEquals(List.of(), daemon.received);
    }

    @Test
    void AC_7_startWithoutADaemonIsExit2WithAHintAndStartsNone() {
        CliRun.Result r = envy("services", "start", "web");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().endsWith("hint: run `envy activate -s` or `envy up -d`\n"), r.err());
        assertEquals(0, daemon.startsRequested);
        CliRun.Result restart = envy("services", "restart");
        assertEquals(2, restart.exitCode(), restart.toString());
    }

    @Test
    void SP_6_stopWithoutADaemonNotesEachServiceNotRunning() {
        CliRun.Result r = envy("services", "stop");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("db: not running\nweb: not running\n", r.out());
        assertEquals(0, daemon.startsRequested);
    }

    @Test
    void startPrintsProgressThenTheResultAndExitsWithItsCode() {
        daemon.running().answer(
                new Response.Result(1, List.of("db: ready"), List.of("web: failed with exit code 3"), List.of()),
                new Response.Progress("db", "starting", ""), new Response.Progress("db", "ready", null),
                new Response.Progress("web", "failed", "exit code 3"));
        CliRun.Result r = envy("services", "start", "--timeout", "90s");
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("db: starting\ndb: ready\nweb: failed (exit code 3)\ndb: ready\n", r.out());
        assertEquals("web: failed with exit code 3\n", r.err());
        assertEquals(List.of(new Request.Start(List.of(), true, 90_000)), daemon.received);
    }

    @Test
    void aRefusalFromTheDaemonIsPrintedWithItsHintAndExitCode() {
        daemon.running().answer(new Response.Error(2, "nothing keeps services up", "run `envy up -d`"));
        CliRun.Result r = envy("services", "restart", "web", "--with-dependents", "--no-wait");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("envy: nothing keeps services up\nhint: run `envy up -d`\n", r.err());
        assertEquals(List.of(new Request.Restart(List.of("web"), true, false, 60_000)), daemon.received);
    }

    @Test
    void aShuttingDownDaemonIsWaitedOutAndTheRequestSentOnceMore() {
        daemon.running()
                .answer(new Response.ShuttingDown())
                .answer(new Response.Result(0, List.of("web: stopped"), List.of(), List.of()));
        CliRun.Result r = envy("services", "stop", "web");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("web: stopped\n", r.out());
        assertEquals(2, daemon.received.size());
    }

    @Test
    void aDaemonThatNeverGoesAwayIsExit3() {
        daemon.running().answer(new Response.ShuttingDown());
        daemon.goesAwayAfterShutdown = false;
        CliRun.Result r = envy("services", "stop", "web");
        assertEquals(3, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("envy: the daemon of "), r.err());
    }

    @Test
    void upStartsTheDaemonAndPrintsEachService() {
        daemon.answer(new Response.Result(0, List.of(), List.of(), List.of(view("db", "running", 1), view("web", "running", 2))),
                new Response.Progress("db", "ready", ""));
        CliRun.Result r = envy("up", "-d");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(1, daemon.startsRequested);
        assertEquals("db: ready\ndb: running\nweb: running\n", r.out());
        assertEquals(List.of(new Request.Up(true, 60_000)), daemon.received);
    }

    @Test
    void upInTheForegroundRefusesNoWaitBeforeStartingAnything() {
        CliRun.Result r = envy("up", "--no-wait");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(0, daemon.startsRequested);
    }

    @Test
    void downWithoutDaemonIsANoteAndExit0() {
        CliRun.Result r = envy("down");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("envy: no daemon running for this environment\n", r.out());
        assertEquals(0, daemon.startsRequested);
    }

    @Test
    void downSendsDownAndPrintsTheResult() {
        daemon.running().answer(new Response.Result(0, List.of("web: stopped", "db: stopped"), List.of(), List.of()));
        CliRun.Result r = envy("down");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("web: stopped\ndb: stopped\n", r.out());
        assertEquals(List.of(new Request.Down()), daemon.received);
    }

    @Test
    void CS_9_daemonStatusPrintsWhereThingsAreWithoutASession() {
        CliRun.Result r = envy("daemon", "status");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("daemon:      not running\nsocket:      /run/test/envy/"), r.out());
        assertTrue(r.out().contains("log:         " + dir.toAbsolutePath().resolve(".envy/logs/daemon.log")) || r.out()
                .contains(".envy/logs/daemon.log"), r.out());
        assertEquals(List.of(), daemon.received);
        daemon.running();
        assertTrue(envy("daemon", "status").out().startsWith("daemon:      running (pid 4242)\n"));
    }

    @Test
    void durationsAcceptUnits() {
        DurationConverter c = new DurationConverter();
        assertEquals(java.time.Duration.ofMillis(250), c.convert("250ms"));
        assertEquals(java.time.Duration.ofMinutes(2), c.convert("2m"));
        assertEquals(java.time.Duration.ofSeconds(45), c.convert("45"));
    }

    @Test
    void uptimeReadsLikeAClock() {
        assertEquals("45s", StatusTable.human(java.time.Duration.ofSeconds(45)));
        assertEquals("3m05s", StatusTable.human(java.time.Duration.ofSeconds(185)));
        assertEquals("2h03m", StatusTable.human(java.time.Duration.ofMinutes(123)));
        assertEquals("1d01h", StatusTable.human(java.time.Duration.ofHours(25)));
    }
}

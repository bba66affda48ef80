package dev.envy.cli.edit;

import dev.envy.cli.CliRun;
import dev.envy.cli.FakeDaemon;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReloadCommandTest {

    static final String VALID = """
            version = 1
            [services.db]
            command = "pg"
            [services.web]
            command = "serve"
            depends-on = ["db"]
            """;

    @TempDir
    Path project;
    FakeDaemon daemon = new FakeDaemon();

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(project.resolve("envy.toml"), VALID);
    }

    private CliRun.Result run(String... args) {
        return new CliRun(project).daemons(daemon).run(args);
    }

    @Test
    void UP_1_withoutADaemonAValidManifestIsReportedAndNothingIsApplied() {
        CliRun.Result r = run("services", "reload");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("manifest is valid; no daemon is running, nothing to apply\n", r.out());
        assertEquals(0, daemon.startsRequested, "reload never starts a daemon");
    }

    @Test
    void UP_1_anInvalidManifestIsExit2WithEveryProblemAndNothingIsSent() throws IOException {
        Files.writeString(project.resolve("envy.toml"), "[services.db]\ncommand = 3\ndepend-on = []\n");
        daemon.running();
        CliRun.Result r = run("services", "reload");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("envy.toml:2:"), r.err());
        assertTrue(r.err().contains("depends-on"), r.err());
        assertEquals(List.of(), daemon.received);
    }

    @Test
    void UP_1_withADaemonItsNotesArePrintedAndItsExitCodeKept() {
        daemon.running().answer(new Response.Result(0,
                List.of("db: restarted (command changed)", "web: restarted (dependency db restarted)", "cache: added"),
                List.of(), List.of()));
        CliRun.Result r = run("services", "reload");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of(new Request.Reload()), daemon.received);
        assertEquals("db: restarted (command changed)\nweb: restarted (dependency db restarted)\ncache: added\n",
                r.out());
    }

    @Test
    void aFailedApplyIsExit1WithTheDaemonsErrors() {
        daemon.running().answer(new Response.Result(1, List.of("web: restarted (command changed)"),
                List.of("web: failed with exit code 3"), List.of()));
        CliRun.Result r = run("services", "reload");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("web: failed with exit code 3"), r.err());
    }

    @Test
    void aRefusalFromTheDaemonKeepsItsExitCode() {
        daemon.running().answer(new Response.Error(2, "envy.toml has 1 problem", "run `envy check`"));
        CliRun.Result r = run("services", "reload");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("envy.toml has 1 problem"), r.err());
    }
}

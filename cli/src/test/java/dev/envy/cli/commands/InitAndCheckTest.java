package dev.envy.cli.commands;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import dev.envy.cli.CliRun;
import dev.envy.core.manifest.LoadResult;
import dev.envy.core.manifest.ManifestLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitAndCheckTest {
    @TempDir
    Path dir;

    private static final String WEBAPP = """
            [services.db]
            command = "sleep 100"
            readiness.tcp = "127.0.0.1:5432"
            [services.cache]
            command = "sleep 100"
            [services.migrate]
            command = "true"
            depends-on = ["db"]
            [services.web]
            command = "sleep 100"
            depends-on = { db = "ready", migrate = "completed", cache = "started" }
            [services.tool]
            command = "sleep 1"
            autostart = false
            """;

    @Test
    void theStarterManifestLoadsWithoutProblems() {
        LoadResult result = ManifestLoader.parse(InitCommand.starterManifest(), dir.resolve("envy.toml"), "x86_64-linux");
        assertInstanceOf(LoadResult.Loaded.class, result, () -> result.toString());
    }

    @Test
    void initWritesAManifestThatChecksAndAGitignore() throws Exception {
        CliRun.Result init = new CliRun(dir).run("init");
        assertEquals(0, init.exitCode(), init.toString());
        assertEquals(InitCommand.starterManifest(), Files.readString(dir.resolve("envy.toml")));
        assertEquals("*\n", Files.readString(dir.resolve(".envy/.gitignore")));
        CliRun.Result check = new CliRun(dir).run("check");
        assertEquals(0, check.exitCode(), check.toString());
        assertTrue(check.out().contains("1: web"), check.out());
    }

    @Test
    void initRefusesToOverwriteWithoutForce() throws Exception {
        Files.writeString(dir.resolve("envy.toml"), "# mine\n");
        CliRun.Result again = new CliRun(dir).run("init");
        assertEquals(2, again.exitCode(), again.toString());
        assertEquals("envy: " + dir.resolve("envy.toml") + " already exists\n"
                + "hint: run `envy check` to validate it, or `envy init --force` to replace it with the starter\n",
                again.err());
        assertEquals("# mine\n", Files.readString(dir.resolve("envy.toml")));
        CliRun.Result forced = new CliRun(dir).run("init", "--force");
        assertEquals(0, forced.exitCode(), forced.toString());
        assertEquals(InitCommand.starterManifest(), Files.readString(dir.resolve("envy.toml")));
    }

    @Test
    void initWithDirCreatesTheDirectory() {
        CliRun.Result r = new CliRun(dir).run("-d", "new/app", "init");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(Files.isRegularFile(dir.resolve("new/app/envy.toml")));
    }

    @Test
    void checkPrintsTheStartPlanLevelByLevelAndWhatEachWaitsFor() throws Exception {
        Files.writeString(dir.resolve("envy.toml"), WEBAPP);
        CliRun.Result r = new CliRun(dir).run("check");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(dir.toRealPath().resolve("envy.toml") + ": valid, 5 services\n"
                + "1: cache, db, tool\n"
                + "2: migrate\n"
                + "3: web\n"
                + "migrate waits for db (ready)\n"
                + "web waits for db (ready), migrate (completed), cache (started)\n"
                + "not started by default (autostart = false): tool\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void checkOfAnInvalidManifestPrintsEveryProblemAndExits2() throws Exception {
        Files.writeString(dir.resolve("envy.toml"), """
                [services.web]
                comand = "x"
                depends-on = ["dbb"]
                [services.db]
                command = "y"
                """);
        CliRun.Result r = new CliRun(dir).run("check");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("", r.out());
        var lines = r.err().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("envy.toml:2:1: ") && l.contains("comand")), r.err());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("envy.toml:3:") && l.contains("dbb")), r.err());
        assertTrue(r.err().contains("envy: " + dir.toRealPath().resolve("envy.toml") + " has "), r.err());
        assertTrue(r.err().endsWith("hint: fix them and run `envy check` again\n"), r.err());
    }

    @Test
    void checkJsonGivesLevelsOrProblems() throws Exception {
        Files.writeString(dir.resolve("envy.toml"), WEBAPP);
        CliRun.Result ok = new CliRun(dir).run("check", "--json");
        assertEquals(0, ok.exitCode(), ok.toString());
        JsonObject o = Json.parse(ok.out()).asObject();
        assertTrue(o.get("valid").asBoolean());
        assertEquals("[[\"cache\",\"db\",\"tool\"],[\"migrate\"],[\"web\"]]", o.get("levels").toString());
        assertEquals("completed", o.get("services").asObject().get("web").asObject().get("dependsOn").asObject()
                .get("migrate").asString());

        Files.writeString(dir.resolve("envy.toml"), "[services.web]\ncommand = 3\n");
        CliRun.Result bad = new CliRun(dir).run("check", "--json");
        assertEquals(2, bad.exitCode(), bad.toString());
        JsonObject b = Json.parse(bad.out()).asObject();
        assertEquals(false, b.get("valid").asBoolean());
        assertEquals(2, b.get("problems").asArray().get(0).asObject().get("line").asInt());
    }

    /** HD-11: check says when envy would run nothing from the manifest until it is allowed; it still exits 0. */
    @Test
    void HD_11_checkSaysWhetherTheManifestNeedsAllowing() throws Exception {
        Path manifest = dir.resolve("envy.toml");
        Files.writeString(manifest, WEBAPP);
        Files.setPosixFilePermissions(manifest, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        Path state = Files.createDirectories(dir.resolve("state"));
        String real = manifest.toRealPath().toString();

        CliRun.Result text = new CliRun(dir).env("XDG_STATE_HOME", state.toString()).run("check");
        assertEquals(0, text.exitCode(), text.toString());
        assertTrue(text.out().startsWith(real + ": valid, 5 services\n"), text.out());
        assertEquals("envy: warning: " + real + " belongs to you, and can be written by others (mode 0666): envy runs"
                + " nothing from it (hook, profile, services) until you allow it\n"
                + "hint: read it, then run `envy allow " + real + "`\n", text.err());
        CliRun.Result json = new CliRun(dir).env("XDG_STATE_HOME", state.toString()).run("check", "--json");
        assertEquals(0, json.exitCode(), json.toString());
        JsonObject o = Json.parse(json.out()).asObject();
        assertEquals(false, o.get("allowed").asBoolean());
        assertTrue(o.get("refusal").asObject().get("message").asString().endsWith("until you allow it"), json.out());
        assertEquals("read it, then run `envy allow " + real + "`", o.get("refusal").asObject().get("hint").asString());

        assertEquals(0, new CliRun(dir).env("XDG_STATE_HOME", state.toString()).run("allow").exitCode());
        CliRun.Result allowed = new CliRun(dir).env("XDG_STATE_HOME", state.toString()).run("check");
        assertEquals("", allowed.err(), allowed.toString());
        JsonObject a = Json.parse(new CliRun(dir).env("XDG_STATE_HOME", state.toString()).run("check", "--json").out())
                .asObject();
        assertEquals(true, a.get("allowed").asBoolean());
        assertTrue(a.get("refusal").isNull());

        Files.writeString(manifest, WEBAPP + "# changed by someone else\n");
        CliRun.Result changed = new CliRun(dir).env("XDG_STATE_HOME", state.toString()).run("check");
        assertEquals(0, changed.exitCode(), changed.toString());
        assertTrue(changed.err().startsWith("envy: warning: " + real + " changed since you allowed it"), changed.err());
    }
}


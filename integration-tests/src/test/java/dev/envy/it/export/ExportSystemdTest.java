package dev.envy.it.export;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import dev.envy.core.runtime.EnvironmentId;
import dev.envy.it.support.Projects;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * EX-1 and EX-2: {@code envy export systemd} writes a target and a unit per service carrying the manifest's model,
 * warns at the key and line of what systemd cannot express, passes {@code systemd-analyze verify} without a word,
 * and runs under a real systemd: one boot of a container whose PID 1 is systemd starts manifests/webapp,
 * manifests/flox and a fixture that exercises every mapping (src/test/resources/export/envy.toml), checks them from
 * inside (src/test/resources/export/check.sh), and stops them.
 */
class ExportSystemdTest {
    private static final Duration BOOT_DEADLINE = Duration.ofSeconds(150);

    @RegisterExtension
    final Projects projects = new Projects();

    @Test
    void EX_1_webappBecomesATargetAndAUnitPerServiceCarryingItsModel() throws IOException {
        TestProject p = projects.copyOf("webapp");
        Run run = p.run("export", "systemd", "--name", "webapp").assertOk();
        Path dir = p.dir().resolve(".envy/export/systemd");
        assertEquals(List.of("envy-webapp--hook.env", "envy-webapp--hook.service", "envy-webapp-cache.env",
                "envy-webapp-cache.service", "envy-webapp-db.env", "envy-webapp-db.service", "envy-webapp-migrate.env",
                "envy-webapp-migrate.service", "envy-webapp-web.env", "envy-webapp-web.service", "envy-webapp.target"),
                list(dir), run.toString());
        run.assertStdoutContains("wrote 6 units and 5 environment files in " + dir);

        String target = Files.readString(dir.resolve("envy-webapp.target"));
        assertTrue(target.contains("\nWants=envy-webapp--hook.service envy-webapp-db.service envy-webapp-cache.service "
                + "envy-webapp-migrate.service envy-webapp-web.service\n"), target);
        assertTrue(target.contains("\nWantedBy=multi-user.target\n"), target);

        String web = Files.readString(dir.resolve("envy-webapp-web.service"));
        for (String line : List.of(
                "PartOf=envy-webapp.target",
                "Requires=envy-webapp--hook.service envy-webapp-db.service envy-webapp-cache.service "
                        + "envy-webapp-migrate.service",
                "After=envy-webapp--hook.service envy-webapp-db.service envy-webapp-cache.service "
                        + "envy-webapp-migrate.service",
                "Type=exec",
                "WorkingDirectory=" + p.dir(),
                "EnvironmentFile=" + dir.resolve("envy-webapp-web.env"),
                "ExecStart=/bin/bash -c 'exec python3 -m http.server $$WEB_PORT --bind 127.0.0.1 --directory public'",
                "KillMode=control-group",
                "KillSignal=SIGTERM",
                "TimeoutStopSec=10s",
                "Restart=on-failure",
                "RestartSec=2s",
                "StartLimitBurst=6",
                "StandardOutput=append:" + p.log("web"),
                "WantedBy=envy-webapp.target")) {
            assertTrue(web.contains("\n" + line + "\n"), "web's unit lacks " + line + ":\n" + web);
        }
        assertTrue(web.contains("\nExecStartPost=/bin/bash -c ") && web.contains("/dev/tcp/$$0/$$1")
                && web.contains(" 127.0.0.1 18080 / 127.0.0.1:18080 "), web);

        String db = Files.readString(dir.resolve("envy-webapp-db.service"));
        assertTrue(db.contains("\nKillSignal=SIGINT\n") && db.contains("\nTimeoutStopSec=5s\n")
                && db.contains("\nTimeoutStartSec=30s\n") && db.contains("\nRestart=no\n"), db);
        String migrate = Files.readString(dir.resolve("envy-webapp-migrate.service"));
        assertTrue(migrate.contains("\nType=oneshot\nRemainAfterExit=yes\n"), migrate);
        String cache = Files.readString(dir.resolve("envy-webapp-cache.service"));
        assertTrue(cache.contains("\nRuntimeDirectory=envy-webapp-cache\n") && cache.contains("re=\\'ready to accept"
                + " connections\\'"), cache);

        String env = Files.readString(dir.resolve("envy-webapp-web.env"));
        assertEquals(List.of("DB_PORT=\"15432\"", "WEB_PORT=\"18080\"", "DATABASE_URL=\"tcp://127.0.0.1:15432/app\"",
                        "ENVY_PROJECT=\"" + p.dir() + "\"", "ENVY_ENV=\"" + EnvironmentId.of(p.dir()) + "\"", "ENVY_SERVICE=\"web\""),
                env.lines().filter(l -> !l.startsWith("#")).toList(),
                "only the manifest's variables, not the exporting shell's:\n" + env);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(
                "envy-webapp-web.env"))), "environment files may hold secrets; in .envy/ every file is private (HD-5)");
        assertTrue(Files.isRegularFile(p.log("web")), "the log file systemd appends to exists beforehand");
    }

    @Test
    void EX_1_whatSystemdCannotExpressIsAWarningNamingTheKeyAndItsLine() {
        assumeTrue(System.getProperty("os.arch").equals("amd64"), "the expected lines name x86_64-linux");
        TestProject p = projects.withManifest("""
                version = 1
                [vars]
                HOME_COPY = "${HOME}/x"
                [services.web]
                command = "sleep 100"
                restart = "always"
                restart-delay = "500ms"
                max-restarts = 3
                [services.bg]
                command = "true"
                is-daemon = true
                stop-signal = "TERM"
                systems = ["x86_64-linux", "aarch64-linux"]
                [services.mac]
                command = "sleep 100"
                systems = ["aarch64-darwin"]
                [services.late]
                command = "sleep 100"
                depends-on = { web = "started", job = "started" }
                readiness.log = '(?i)ready'
                [services.job]
                command = "true"
                readiness.command = "true"
                [services.after-job]
                command = "sleep 100"
                depends-on = { job = "completed" }
                [options]
                auto-reload = true
                log-max-size = "1MB"
                """);
        Run run = p.run("export", "systemd").assertOk();
        List<String> warnings = run.stderrLines().stream().filter(l -> l.contains(": warning: ")).toList();
        assertEquals(List.of(
                "envy.toml:3:1: warning: vars.HOME_COPY: takes ${HOME} from the environment envy runs in, so its value"
                        + " is written as it is now",
                "envy.toml:6:1: warning: services.web.restart: systemd restarts web every 500ms without envy's doubling"
                        + " back-off (RestartSteps= needs systemd 254), and stops after 4 starts within 42s rather"
                        + " than after 3 restarts in a row",
                "envy.toml:11:1: warning: services.bg.is-daemon: systemd follows the process bg forks (Type=forking)"
                        + " by guessing its main PID; restarts and the wait for its exit depend on that guess (add"
                        + " PIDFile= to the unit if the daemon writes one)",
                "envy.toml:13:1: warning: services.bg.systems: the unit is written for x86_64-linux (this machine);"
                        + " systemd does not check the system of the machine it runs on",
                "envy.toml:14:1: warning: services.mac: not exported: it runs only on aarch64-darwin, and this machine"
                        + " is x86_64-linux",
                "envy.toml:19:33: warning: services.late.depends-on.job: systemd starts late only once job has"
                        + " completed (others wait for that, so it is a oneshot unit), not as soon as it started",
                "envy.toml:20:1: warning: services.late.readiness.log: bash cannot match this pattern (it uses (?i),"
                        + " which POSIX extended regular expressions lack), so systemd counts late as started as soon"
                        + " as it runs; write the pattern without it",
                "envy.toml:23:1: warning: services.job.readiness: others wait for job to complete, so systemd counts"
                        + " it as started when it has exited 0; its readiness check is not run",
                "envy.toml:28:1: warning: options.auto-reload: systemd does not watch envy.toml: export again and run"
                        + " systemctl daemon-reload after a change",
                "envy.toml:29:1: warning: options.log-max-size: systemd appends to the log files without rotating"
                        + " them: rotate them with logrotate (copytruncate), or export with --journal"),
                warnings, run.toString());
    }

    @Test
    void EX_1_jsonSaysWhatWasWrittenAndWarnsInTheSameObject() throws IOException {
        TestProject p = projects.copyOf("webapp");
        Path out = p.dir().resolve("units");
        Run run = p.run("export", "systemd", "-o", "units", "--name", "shop", "--json").assertOk();
        assertEquals("", run.stderr(), "with --json every warning is in the object");
        JsonObject o = Json.parse(run.stdout()).asObject();
        assertEquals("systemd", o.getString("engine", null));
        assertEquals("shop", o.getString("name", null));
        assertEquals(out.toString(), o.getString("directory", null));
        assertEquals("envy-shop.target", o.getString("target", null));
        assertFalse(o.getBoolean("installed", true));
        List<String> written = new ArrayList<>();
        for (JsonValue f : o.get("files").asArray()) {
            Path path = Path.of(f.asObject().getString("path", ""));
            assertTrue(Files.isRegularFile(path), path.toString());
            written.add(f.asObject().getString("kind", "") + " " + f.asObject().getString("name", ""));
        }
        assertEquals(List.of("target envy-shop.target", "service envy-shop--hook.service",
                "environment envy-shop--hook.env", "service envy-shop-db.service", "environment envy-shop-db.env",
                "service envy-shop-cache.service", "environment envy-shop-cache.env", "service envy-shop-migrate.service",
                "environment envy-shop-migrate.env", "service envy-shop-web.service", "environment envy-shop-web.env"),
                written);
        JsonObject first = o.get("warnings").asArray().get(0).asObject();
        assertEquals("services.cache.restart", first.getString("key", null));
        assertEquals(32, first.getInt("line", 0));
        assertTrue(first.getString("text", "").startsWith("envy.toml:32:1: warning: services.cache.restart: "), first.toString());
        assertEquals(List.of(), o.get("commands").asArray().values(), "commands are printed for --install only");
    }

    @Test
    void EX_1_anExportAgainRemovesTheUnitsOfAServiceNoLongerInTheManifest() throws IOException {
        TestProject p = projects.withManifest("""
                [services.a]
                command = "sleep 100"
                [services.b]
                command = "sleep 100"
                """);
        p.run("export", "systemd", "--name", "two").assertOk();
        Path dir = p.dir().resolve(".envy/export/systemd");
        Files.writeString(dir.resolve("envy-two-mine.service"), "# my own unit\n");
        p.writeManifest("""
                [services.a]
                command = "sleep 100"
                """);
        p.run("export", "systemd", "--name", "two").assertOk()
                .assertStdoutContains("removed what an earlier export wrote for services no longer in envy.toml: "
                        + "envy-two-b.env, envy-two-b.service");
        assertEquals(List.of("envy-two-a.env", "envy-two-a.service", "envy-two-mine.service", "envy-two.target"),
                list(dir), "a file envy did not write stays");
    }

    @Test
    void EX_1_anInvalidRequestIsExit2AndWritesNothing() throws IOException {
        TestProject p = projects.copyOf("webapp");
        p.run("export", "nomad").assertExit(2)
                .assertStderrContains("envy: unknown export engine 'nomad'")
                .assertStderrContains("hint: envy export supports: systemd");
        p.run("export", "sysemd").assertExit(2).assertStderrContains("hint: did you mean 'systemd'?");
        Path file = p.writeFile("in-the-way", "a file, not a directory\n");
        p.run("export", "systemd", "-o", "in-the-way/units").assertExit(2)
                .assertStderrContains("envy: cannot write to " + file.resolve("units"))
                .assertStderrContains("hint: choose a directory you can write with -o DIR");
        p.run("export", "systemd", "--name", "no/slash").assertExit(2)
                .assertStderrContains("envy: 'no/slash' cannot be part of a unit name");
        p.run("export", "systemd", "--install", "-o", "x").assertExit(2);
        assertFalse(Files.exists(p.dir().resolve(".envy/export")), "nothing was written");
        assertFalse(Files.exists(p.dir().resolve("x")), "nothing was written");
    }

    @Test
    void EX_1_installForTheUserPutsTheUnitsWhereSystemdLooksAndPrintsTheCommands() throws IOException {
        TestProject p = projects.copyOf("webapp").env("XDG_CONFIG_HOME", null);
        Run run = p.run("export", "systemd", "--user", "--install", "--name", "webapp").assertOk();
        Path dir = p.home().resolve(".config/systemd/user");
        assertTrue(Files.isRegularFile(dir.resolve("envy-webapp.target")), run.toString());
        assertTrue(Files.readString(dir.resolve("envy-webapp.target")).contains("\nWantedBy=default.target\n"));
        assertFalse(Files.readString(dir.resolve("envy-webapp-web.service")).contains("\nUser="), "no User= in user units");
        run.assertStdoutContains("installed 6 units and 5 environment files in " + dir)
                .assertStdoutContains("  systemctl --user enable --now envy-webapp.target")
                .assertStdoutContains("  systemctl --user daemon-reload && systemctl --user restart envy-webapp.target")
                .assertStdoutContains("  loginctl enable-linger ");
    }

    @Test
    void EX_2_systemdAnalyzeVerifiesEveryExportWithoutAWarning() throws IOException {
        Optional<String> missing = missing("systemd-analyze");
        assumeTrue(missing.isEmpty(), () -> missing.get());
        List<TestProject> exported = new ArrayList<>();
        for (String example : List.of("webapp", "flox", "readiness-chain")) {
            TestProject p = projects.copyOf(example);
            p.run("export", "systemd", "--name", example).assertOk();
            exported.add(p);
        }
        TestProject fx = fixture();
        fx.run("export", "systemd", "--name", "fx", "--journal").assertOk();
        exported.add(fx);
        TestProject user = projects.copyOf("webapp");
        user.run("export", "systemd", "--user", "-o", "user-units").assertOk();
        for (TestProject p : exported) {
            verify(p.dir().resolve(".envy/export/systemd"), Optional.empty());
        }
        verify(user.dir().resolve("user-units"), Optional.of(user.runtimeDir()));
    }

    @Test
    void EX_2_aRealSystemdStartsChecksAndStopsTheExportedEnvironments() throws IOException {
        Optional<String> unavailable = Nspawn.unavailable();
        assumeTrue(unavailable.isEmpty(), () -> "no container to boot a real systemd in: " + unavailable.get());
        TestProject fx = fixture();
        fx.run("export", "systemd", "--name", "fx", "--journal").assertOk();
        TestProject webapp = projects.copyOf("webapp");
        webapp.run("export", "systemd", "--name", "webapp").assertOk();
        TestProject flox = projects.copyOf("flox");
        flox.run("export", "systemd", "--name", "flox").assertOk();

        // what a server's /etc/systemd/system would hold after the three exports, and the check that boots
        Path stage = Files.createDirectory(fx.dir().getParent().resolve("etc-systemd-system"));
        Path results = Files.createDirectory(fx.dir().getParent().resolve("results"));
        for (TestProject p : List.of(fx, webapp, flox)) {
            for (String f : list(p.dir().resolve(".envy/export/systemd"))) {
                Files.copy(p.dir().resolve(".envy/export/systemd").resolve(f), stage.resolve(f));
            }
        }
        Path check = results.resolve("check.sh");
        Files.writeString(check, resource("check.sh"));
        Path checkLog = results.resolve("check.log");
        Files.writeString(stage.resolve("envy-check.service"), String.join("\n",
                "[Unit]",
                "Description=checks the exported environments (ExportSystemdTest)",
                "SuccessAction=exit",
                "FailureAction=exit",
                "[Service]",
                "Type=oneshot",
                "Environment=RECORD=" + fx.recordFile() + " FX=" + fx.dir() + " WEBAPP=" + webapp.dir()
                        + " FLOX=" + flox.dir(),
                "ExecStart=/bin/bash " + check,
                "StandardOutput=append:" + checkLog,
                "StandardError=inherit",
                "TimeoutStartSec=120s",
                ""));

        List<String> binds = new ArrayList<>();
        for (TestProject p : List.of(fx, webapp, flox)) {
            binds.add(p.dir().getParent().toString());
        }
        Nspawn.Boot boot = Nspawn.boot("envy-check.service", List.of(stage + ":/etc/systemd/system"), binds,
                BOOT_DEADLINE);
        String log = Files.exists(checkLog) ? Files.readString(checkLog) : "(the check wrote nothing)";
        String report = "container exit " + boot.exitCode() + "\n--- check.log ---\n" + log + "--- nspawn stdout ---\n"
                + boot.stdout() + "--- nspawn stderr ---\n" + boot.stderr() + "--- record ---\n"
                + String.join("\n", fx.records());
        assertTrue(log.contains("check: 0 failed"), report);
        assertEquals(0, boot.exitCode(), report);
        assertEquals(44, log.lines().filter(l -> l.startsWith("ok: ")).count(), report);

        List<String> record = fx.records();
        assertInOrder(record, report, "store started", "store ready", "schema ran, store ready: yes",
                "api started, schema done: 1", "check: started");
        // tree has no readiness check: systemd counts it started once it is exec'd, so its own first line may come
        // after the check's; only its dependency's start comes before it for sure
        assertInOrder(record, report, "api started, schema done: 1", "tree started", "check: stopping");
        assertInOrder(record, report, "flaky run 1", "flaky run 2", "check: started");
        assertInOrder(record, report, "check: stopping", "tree got TERM", "api stopping after shutdown.command",
                "store stopping on INT", "hook on-deactivate");
        assertTrue(record.contains("api env: it's \"quoted\", $dollar, 100% and a \\ backslash|hook saw it's|"
                + "it's \"quoted\", $dollar, 100% and a \\ backslash (api)|api"), report);
        assertTrue(Files.readString(webapp.log("web")).contains("\"GET / HTTP/1.0\" 200"), report);
        assertTrue(Files.readString(webapp.log("db")).contains("db: shutting down"), report);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private TestProject fixture() {
        return projects.withManifest(resource("envy.toml"));
    }

    private static String resource(String name) {
        try (InputStream in = ExportSystemdTest.class.getResourceAsStream("/export/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource export/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code systemd-analyze verify} of every unit in {@code dir}: exit 0 and not a word on either stream. User units
     * are verified with {@code --user}, which needs an {@code XDG_RUNTIME_DIR}.
     */
    private static void verify(Path dir, Optional<Path> userRuntimeDir) throws IOException {
        List<String> command = new ArrayList<>(List.of("systemd-analyze", "verify", "--man=no"));
        if (userRuntimeDir.isPresent()) {
            command.add("--user");
        }
        list(dir).stream().filter(f -> f.endsWith(".service") || f.endsWith(".target"))
                .forEach(f -> command.add(dir.resolve(f).toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        userRuntimeDir.ifPresent(d -> pb.environment().put("XDG_RUNTIME_DIR", d.toString()));
        try {
            Process p = pb.start();
            String output;
            try (InputStream in = p.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("systemd-analyze verify did not finish in 60 s: " + command);
            }
            assertEquals("", output, "systemd-analyze verify printed something for " + dir);
            assertEquals(0, p.exitValue(), String.join(" ", command));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Why {@code program} cannot be run, or empty when it is on the PATH. */
    private static Optional<String> missing(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return Optional.empty();
            }
        }
        return Optional.of(program + " is not installed (package systemd; .ci/run installs it)");
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertInOrder(List<String> record, String report, String... events) {
        int at = -1;
        for (String e : events) {
            int i = record.indexOf(e);
            assertTrue(i > at, "expected \"" + e + "\" after the events before it in " + List.of(events) + "\n" + report);
            at = i;
        }
    }
}

package dev.envy.cli.export;

import dev.envy.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code envy export systemd} run in-process: names, environment, mapping details, failures. */
class ExportCommandTest {
    @TempDir
    Path tmp;

    private Path project(String name, String toml) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("envy.toml"), toml);
        return dir.toRealPath();
    }

    private CliRun cli() {
        return new CliRun(tmp).env("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"))
                .env("OUTER", "from the exporting shell");
    }

    private static String read(Path dir, String file) throws Exception {
        return Files.readString(dir.resolve(".envy/export/systemd").resolve(file));
    }

    @Test
    void theNameIsTheProjectDirectorysAndTheFilesGoToTheProjectsEnvyDir() throws Exception {
        Path dir = project("my shop", """
                [services.web]
                command = "sleep 100"
                """);
        CliRun.Result r = cli().run("-d", dir.toString(), "export", "systemd");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(Files.isRegularFile(dir.resolve(".envy/export/systemd/envy-my-shop.target")), r.toString());
        assertTrue(Files.isRegularFile(dir.resolve(".envy/export/systemd/envy-my-shop-web.service")), r.toString());
        assertEquals("*\n", Files.readString(dir.resolve(".envy/.gitignore")));
        assertTrue(r.out().contains("logs: " + dir.resolve(".envy/logs") + "/SERVICE.log"), r.out());
    }

    @Test
    void theEnvironmentFileHoldsTheManifestsVariablesAndTheHooksChangesOnly() throws Exception {
        Path dir = project("app", """
                [vars]
                GREETING = "hello ${OUTER}"
                [hook]
                on-activate = '''
                  export FROM_HOOK="$GREETING!"
                  unset OUTER
                  echo "the hook's output goes to stderr"
                '''
                [services.web]
                command = "sleep 100"
                vars = { OWN = "${FROM_HOOK} (web)" }
                """);
        CliRun.Result r = cli().run("-d", dir.toString(), "export", "systemd");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of("GREETING=\"hello from the exporting shell\"", "FROM_HOOK=\"hello from the exporting shell!\"",
                        "OWN=\"hello from the exporting shell! (web)\"", "ENVY_PROJECT=\"" + dir + "\"",
                        "ENVY_ENV=\"" + dev.envy.core.runtime.EnvironmentId.of(dir) + "\"", "ENVY_SERVICE=\"web\""),
                read(dir, "envy-app-web.env").lines().filter(l -> !l.startsWith("#")).toList());
        assertEquals(List.of("GREETING=\"hello from the exporting shell\"", "ENVY_PROJECT=\"" + dir + "\"",
                        "ENVY_ENV=\"" + dev.envy.core.runtime.EnvironmentId.of(dir) + "\""),
                read(dir, "envy-app--hook.env").lines().filter(l -> !l.startsWith("#")).toList(),
                "the hook unit runs the hook again, so it gets what the hook started from");
        assertTrue(read(dir, "envy-app-web.service").contains("\nUnsetEnvironment=OUTER\n"));
        assertTrue(r.err().contains("envy.toml:2:1: warning: vars.GREETING: takes ${OUTER} from the environment"), r.err());
        assertTrue(r.err().contains("warning: hook.on-activate: its exports (FROM_HOOK) are written"), r.err());
    }

    @Test
    void aFailingHookIsExit1AndNothingIsWritten() throws Exception {
        Path dir = project("app", """
                [hook]
                on-activate = "exit 3"
                [services.web]
                command = "sleep 100"
                """);
        CliRun.Result r = cli().run("-d", dir.toString(), "export", "systemd");
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("envy: hook.on-activate exited with code 3, so the services' environment is not"
                + " known; nothing was exported\nhint: "), r.err());
        assertFalse(Files.exists(dir.resolve(".envy/export/systemd/envy-app.target")));
    }

    @Test
    void aServiceOthersWaitToCompleteIsAOneshotThatRestartsOnlyOnFailure() throws Exception {
        Path dir = project("app", """
                [services.migrate]
                command = "true"
                restart = "always"
                stop-signal = 36
                [services.web]
                command = "sleep 100"
                depends-on = { migrate = "completed" }
                """);
        CliRun.Result r = cli().run("-d", dir.toString(), "export", "systemd", "--journal");
        assertEquals(0, r.exitCode(), r.toString());
        String migrate = read(dir, "envy-app-migrate.service");
        for (String line : List.of("Type=oneshot", "RemainAfterExit=yes", "TimeoutStartSec=infinity",
                "Restart=on-failure", "KillSignal=SIGRTMIN+2", "StandardOutput=journal", "SyslogIdentifier=app-migrate")) {
            assertTrue(migrate.contains("\n" + line + "\n"), line + " in\n" + migrate);
        }
        assertTrue(r.err().contains("envy.toml:3:1: warning: services.migrate.restart: others wait for migrate to"
                + " complete, so it is a oneshot unit, which systemd restarts only on failure"), r.err());
        assertTrue(r.out().contains("logs: journalctl -u 'envy-app-*'"), r.out());
    }

    @Test
    void aWatchdogIsWatchdogSecAndWhatSystemdCannotDoIsSaid() throws Exception {
        Path dir = project("app", """
                [services.api]
                command = "sleep 100"
                watchdog = "5s"
                restart = "on-failure"
                liveness.tcp = "127.0.0.1:8080"
                watch = ["src/**"]
                """);
        CliRun.Result r = cli().run("-d", dir.toString(), "export", "systemd");
        assertEquals(0, r.exitCode(), r.toString());
        String api = read(dir, "envy-app-api.service");
        for (String line : List.of("Type=exec", "NotifyAccess=all", "WatchdogSec=5s", "Restart=on-failure")) {
            assertTrue(api.contains("\n" + line + "\n"), line + " in\n" + api);
        }
        assertTrue(r.err().contains("envy.toml:3:1: warning: services.api.watchdog: systemd sends SIGABRT"), r.err());
        assertTrue(r.err().contains("envy.toml:5:1: warning: services.api.liveness: systemd has no liveness check"),
                r.err());
        assertTrue(r.err().contains("envy.toml:6:1: warning: services.api.watch: systemd does not restart api when"
                + " files change"), r.err());
    }

    @Test
    void systemUnitsRunAsTheProjectsOwnerUnlessThatIsRoot() throws Exception {
        Path dir = project("app", """
                [services.web]
                command = "sleep 100"
                """);
        String owner = Files.getOwner(dir).getName();
        assertEquals(0, cli().run("-d", dir.toString(), "export", "systemd").exitCode());
        String unit = read(dir, "envy-app-web.service");
        assertEquals(!owner.equals("root"), unit.contains("\nUser=" + owner + "\n"), unit);
        assertEquals(0, cli().run("-d", dir.toString(), "export", "systemd", "--user").exitCode());
        assertFalse(read(dir, "envy-app-web.service").contains("\nUser="));
    }
}

package dev.envy.core.manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestLoaderTest {
    static final String LINUX = "x86_64-linux";

    static Manifest loaded(String toml) {
        return loaded(toml, LINUX);
    }

    static Manifest loaded(String toml, String system) {
        LoadResult result = ManifestLoader.parse(toml, Path.of("envy.toml"), system);
        if (result instanceof LoadResult.Invalid invalid) {
            throw new AssertionError("invalid:\n" + String.join("\n",
                    invalid.problems().stream().map(Problem::format).toList()));
        }
        return ((LoadResult.Loaded) result).manifest();
    }

    static List<String> problems(String toml) {
        LoadResult result = ManifestLoader.parse(toml, Path.of("envy.toml"), LINUX);
        return assertInstanceOf(LoadResult.Invalid.class, result).problems().stream().map(Problem::format).toList();
    }

    @Test
    void everyDefaultIsFilledIn() {
        Manifest m = loaded("[services.web]\ncommand = \"npm run dev\"\n");

        assertEquals(1, m.version());
        assertEquals(Map.of(), m.vars());
        assertEquals(Manifest.Hook.NONE, m.hook());
        assertEquals(Manifest.Profile.NONE, m.profile());
        assertFalse(m.autoStart());
        assertEquals(Manifest.Options.DEFAULTS, m.options());
        assertEquals(ServiceSpec.of("web", "npm run dev"), m.services().get("web"));
    }

    @Test
    void RD_1_readinessNotifyIsACheckOfItsOwn() {
        Manifest m = loaded("""
                [services.api]
                command = "serve"
                readiness.notify = true
                readiness.timeout = "5s"
                [services.web]
                command = "web"
                depends-on = ["api"]
                readiness.notify = false
                """);
        Readiness r = m.services().get("api").readiness().orElseThrow();
        assertTrue(r.viaNotify());
        assertEquals(Duration.ofSeconds(5), r.timeout());
        assertEquals(Condition.READY, m.services().get("web").dependsOn().get("api"), "a notify check is waited for");
        assertEquals(Optional.empty(), m.services().get("web").readiness(), "notify = false is no check");
    }

    @Test
    void RD_1_readinessNotifyWithAnotherCheckOrNotABooleanIsReportedWithItsPlace() {
        assertEquals(List.of("envy.toml:3:1: readiness of service 'api' has more than one check (http, notify)"
                        + " (keep exactly one of readiness.command, .http, .tcp, .log, .notify)",
                "envy.toml:7:1: 'readiness.notify' in service 'web' must be true or false, not a string"
                        + " (remove the quotes: notify = true)"),
                problems("""
                        [services.api]
                        command = "serve"
                        readiness.notify = true
                        readiness.http = "http://127.0.0.1:1/"
                        [services.web]
                        command = "web"
                        readiness.notify = "true"
                        """));
    }

    @Test
    void arrayDependencyWaitsForReadyOnlyWhenTheDependencyHasACheck() {
        Manifest m = loaded("""
                [services.db]
                command = "postgres"
                readiness.command = "pg_isready"
                [services.cache]
                command = "redis-server"
                [services.web]
                command = "npm run dev"
                depends-on = ["db", "cache"]
                """);

        assertEquals(Map.of("db", Condition.READY, "cache", Condition.STARTED), m.services().get("web").dependsOn());
        assertEquals(List.of("db", "cache"), List.copyOf(m.services().get("web").dependsOn().keySet()));
    }

    @Test
    void tableDependencyKeepsTheWrittenConditions() {
        Manifest m = loaded("""
                [services.db]
                command = "postgres"
                [services.migrate]
                command = "./migrate"
                [services.web]
                command = "npm run dev"
                depends-on = { db = "started", migrate = "completed" }
                """);

        assertEquals(Map.of("db", Condition.STARTED, "migrate", Condition.COMPLETED),
                m.services().get("web").dependsOn());
    }

    @Test
    void stopSignalAcceptsNameWithOrWithoutSigAndNumber() {
        for (String spelling : List.of("\"INT\"", "\"SIGINT\"", "\"int\"", "\"2\"", "2")) {
            Manifest m = loaded("[services.a]\ncommand = \"x\"\nstop-signal = " + spelling + "\n");
            assertEquals(Signal.INT, m.services().get("a").stop().signal(), spelling);
        }
    }

    @Test
    void servicesForOtherSystemsAreLeftOutOfTheManifest() {
        String toml = """
                [services.linux-only]
                command = "x"
                systems = ["x86_64-linux", "aarch64-linux"]
                [services.mac-only]
                command = "y"
                systems = ["aarch64-darwin"]
                [services.everywhere]
                command = "z"
                """;

        assertEquals(List.of("linux-only", "everywhere"), List.copyOf(loaded(toml, "x86_64-linux").services().keySet()));
        assertEquals(List.of("mac-only", "everywhere"), List.copyOf(loaded(toml, "aarch64-darwin").services().keySet()));
    }

    @Test
    void unsupportedSystemNamesTheCurrentSystem() {
        List<String> problems = problems("[options]\nsystems = [\"aarch64-darwin\"]\n");

        assertEquals(1, problems.size());
        assertTrue(problems.getFirst().startsWith("envy.toml:2:1: this environment does not support x86_64-linux"),
                problems.getFirst());
    }

    @Test
    void readinessIsTypedWithItsTiming() {
        Manifest m = loaded("""
                [services.web]
                command = "npm run dev"
                readiness = { http = "http://127.0.0.1:3000/health", interval = "250ms", timeout = "2m", initial-delay = "1s" }
                [services.db]
                command = "postgres"
                readiness.tcp = "[::1]:5432"
                [services.log]
                command = "./app"
                readiness.log = "listening on \\\\d+"
                """);

        assertEquals(new Readiness(new Readiness.HttpCheck(URI.create("http://127.0.0.1:3000/health")),
                Duration.ofMillis(250), Duration.ofMinutes(2), Duration.ofSeconds(1)), m.services().get("web").readiness().orElseThrow());
        assertEquals(new Readiness.TcpCheck("::1", 5432), m.services().get("db").readiness().orElseThrow().check());
        Readiness.LogCheck log = (Readiness.LogCheck) m.services().get("log").readiness().orElseThrow().check();
        assertTrue(log.pattern().matcher("listening on 8080").find());
    }

    @Test
    void restartAndStopSettingsAreTyped() {
        ServiceSpec s = loaded("""
                [services.w]
                command = "./w"
                restart = "on-failure"
                restart-delay = "2s"
                max-restarts = 0
                stop-timeout = "1m30s"
                shutdown.command = "./w --stop"
                is-daemon = true
                autostart = false
                working-dir = "sub/dir"
                vars = { A = "1" }
                """).services().get("w");

        assertEquals(RestartPolicy.ON_FAILURE, s.restart().policy());
        assertEquals(Duration.ofSeconds(2), s.restart().delay());
        assertEquals(0, s.restart().maxRestarts());
        assertEquals(Duration.ofSeconds(90), s.stop().timeout());
        assertEquals(Optional.of("./w --stop"), s.stop().shutdownCommand());
        assertTrue(s.isDaemon());
        assertFalse(s.autostart());
        assertEquals("sub/dir", s.workingDir());
        assertEquals(Map.of("A", "1"), s.vars());
    }

    @Test
    void isDaemonMayBeStoppedByAnExplicitSignalInsteadOfAShutdownCommand() {
        ServiceSpec s = loaded("[services.d]\ncommand = \"./d --fork\"\nis-daemon = true\nstop-signal = \"TERM\"\n")
                .services().get("d");

        assertTrue(s.isDaemon());
        assertEquals(Optional.empty(), s.stop().shutdownCommand());
    }

    @Test
    void varsHookProfileAndOptionsAreRead() {
        Manifest m = loaded("""
                [vars]
                B = "2"
                A = "${B}"
                [hook]
                on-activate = "echo in"
                on-deactivate = "echo out"
                [profile]
                common = "c"
                fish = "f"
                [services]
                auto-start = true
                [options]
                auto-reload = true
                log-max-size = "512KB"
                log-keep = 0
                """);

        assertEquals(List.of("B", "A"), List.copyOf(m.vars().keySet()));
        assertEquals("${B}", m.vars().get("A"));
        assertEquals(new Manifest.Hook(Optional.of("echo in"), Optional.of("echo out")), m.hook());
        assertEquals(new Manifest.Profile("c", "", "", "f"), m.profile());
        assertTrue(m.autoStart());
        assertEquals(new Manifest.Options(List.of(), true, Size.ofBytes(512_000), 0, DaemonLogFormat.TEXT), m.options());
        assertEquals(Map.of(), m.services());
    }

    @Test
    void daemonLogFormatIsReadAndDefaultsToText() {
        assertEquals(DaemonLogFormat.TEXT, loaded("version = 1\n").options().daemonLogFormat());
        assertEquals(DaemonLogFormat.JSON, loaded("[options]\ndaemon-log-format = \"json\"\n").options().daemonLogFormat());
        assertEquals(DaemonLogFormat.TEXT, loaded("[options]\ndaemon-log-format = \"text\"\n").options().daemonLogFormat());
    }

    @Test
    void anUnknownDaemonLogFormatIsAProblemWithTheValuesToUse() {
        assertEquals(List.of("envy.toml:2:1: 'daemon-log-format' in [options] is not a daemon log format: 'xml'"
                        + " (use \"text\" or \"json\")"),
                problems("[options]\ndaemon-log-format = \"xml\"\n"));
    }

    @Test
    void aMisspeltDaemonLogFormatKeyIsSuggested() {
        assertEquals(List.of("envy.toml:2:1: unknown key 'daemon-log-fromat' in [options] (did you mean 'daemon-log-format'?)",
                        "envy.toml:3:1: unknown key 'log-format' in [options] (did you mean 'daemon-log-format'?)"),
                problems("[options]\ndaemon-log-fromat = \"json\"\nlog-format = \"json\"\n"));
    }

    @Test
    void selfReferenceInVarsIsNotACycle() {
        assertEquals("/x:${PATH}", loaded("[vars]\nPATH = \"/x:${PATH}\"\n").vars().get("PATH"));
    }

    @Test
    void problemsAreSortedByPositionAcrossValidators() {
        List<String> problems = problems("""
                [services.b]
                command = "x"
                depends-on = ["zz"]
                [services.a]
                command = 1
                """);

        assertEquals(List.of(
                "envy.toml:3:15: service 'b' depends on unknown service 'zz'",
                "envy.toml:5:1: 'command' in service 'a' must be a string, not an integer (quote it: command = \"1\")"),
                problems);
    }

    @Test
    void quotedServiceNameWithADotIsOneService() {
        assertEquals(List.of("api.v2"), List.copyOf(loaded("[services.\"api.v2\"]\ncommand = \"x\"\n").services().keySet()));
    }

    @Test
    void serviceNameOfSixtyFourCharactersIsAccepted() {
        String name = "a".repeat(64);
        assertEquals(List.of(name), List.copyOf(loaded("[services." + name + "]\ncommand = \"x\"\n").services().keySet()));
    }
}

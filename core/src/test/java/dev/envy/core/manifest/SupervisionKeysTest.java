package dev.envy.core.manifest;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.envy.core.manifest.ManifestLoaderTest.loaded;
import static dev.envy.core.manifest.ManifestLoaderTest.problems;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** RD-2, RD-3, WT-1: {@code watchdog}, {@code liveness.*} and {@code watch*} read, defaulted and checked. */
class SupervisionKeysTest {

    @Test
    void everyKeyIsReadWithItsDefaults() {
        ServiceSpec api = loaded("""
                [services.api]
                command = "./api"
                watchdog = "10s"
                liveness.http = "http://127.0.0.1:8080/health"
                watch = ["src/**", "config.toml"]
                """).services().get("api");
        assertEquals(Optional.of(Duration.ofSeconds(10)), api.watchdog());
        Liveness l = api.liveness().orElseThrow();
        assertEquals(new Readiness.HttpCheck(java.net.URI.create("http://127.0.0.1:8080/health")), l.check());
        assertEquals(List.of(Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ZERO),
                List.of(l.period(), l.timeout(), l.initialDelay()));
        assertEquals(3, l.failureThreshold());
        assertEquals(new PathWatch(List.of("src/**", "config.toml"), List.of(), Duration.ofMillis(300)),
                api.watch().orElseThrow());
    }

    @Test
    void everySettingCanBeGiven() {
        ServiceSpec api = loaded("""
                [services.api]
                command = "./api"
                liveness.command = "curl -fs localhost:1"
                liveness.period = "1s"
                liveness.timeout = "500ms"
                liveness.initial-delay = "2s"
                liveness.failure-threshold = 1
                watch = ["src/**"]
                watch-ignore = ["**/*.tmp"]
                watch-debounce = "1s"
                """).services().get("api");
        assertEquals(new Liveness(new Readiness.CommandCheck("curl -fs localhost:1"), Duration.ofSeconds(1),
                Duration.ofMillis(500), Duration.ofSeconds(2), 1), api.liveness().orElseThrow());
        assertEquals(new PathWatch(List.of("src/**"), List.of("**/*.tmp"), Duration.ofSeconds(1)),
                api.watch().orElseThrow());
    }

    @Test
    void aLivenessUrlMayNameVariables() {
        Manifest m = loaded("""
                [vars]
                PORT = "8080"
                [services.api]
                command = "./api"
                liveness.tcp = "127.0.0.1:${PORT}"
                """);
        assertEquals(new Readiness.Pending("tcp", "127.0.0.1:${PORT}"), m.services().get("api").liveness()
                .orElseThrow().check());
        Manifest resolved = Resolution.of(m, Map.of("api", Map.of("PORT", "8080"))).manifest();
        assertEquals(new Readiness.TcpCheck("127.0.0.1", 8080),
                resolved.services().get("api").liveness().orElseThrow().check());
    }

    @Test
    void badValuesAreReportedWithTheirLines() {
        assertEquals(List.of(
                "envy.toml:3:1: 'watchdog' in service 'api' is not a duration: '10 seconds'"
                        + " (" + DurationSyntax.HINT + ")",
                "envy.toml:4:1: 'liveness.period' in service 'api' must be longer than 0 (e.g. \"500ms\")",
                "envy.toml:5:1: 'liveness.failure-threshold' in service 'api' must be between 1 and 1000000, not 0",
                "envy.toml:7:1: 'watch' in service 'api' has no globs (e.g. watch = [\"src/**/*.py\"], or remove it)",
                "envy.toml:8:1: 'watch-debounce' in service 'api' is not a duration: 'soon'"
                        + " (" + DurationSyntax.HINT + ")"),
                problems("""
                        [services.api]
                        command = "./api"
                        watchdog = "10 seconds"
                        liveness.period = "0s"
                        liveness.failure-threshold = 0
                        liveness.tcp = "127.0.0.1:1"
                        watch = []
                        watch-debounce = "soon"
                        """));
    }

    @Test
    void aLivenessNeedsExactlyOneCheckOfAKindThatCanBeRepeated() {
        assertEquals(List.of(
                "envy.toml:3:1: liveness of service 'a' has more than one check (http, tcp)"
                        + " (keep exactly one of liveness.command, .http, .tcp)",
                "envy.toml:7:1: liveness of service 'b' has no check"
                        + " (set one of liveness.command, liveness.http, liveness.tcp)",
                "envy.toml:10:1: unknown key 'liveness.log' in service 'c'"),
                problems("""
                        [services.a]
                        command = "./a"
                        liveness.http = "http://127.0.0.1:1/"
                        liveness.tcp = "127.0.0.1:1"
                        [services.b]
                        command = "./b"
                        liveness.period = "1s"
                        [services.c]
                        command = "./c"
                        liveness.log = "ready"
                        """).stream().map(p -> p.replaceAll(" \\(did you mean.*\\)$", "")).toList());
    }

    /** readiness and liveness are read by one rule, so each of its messages is pinned here for both, word for word. */
    @Test
    void readinessAndLivenessReportTheirMistakesWithPlaceAndSuggestion() {
        assertEquals(List.of(
                "envy.toml:3:1: 'readiness' in service 'a' must be a table, not a string"
                        + " (use one of readiness.command, readiness.http, readiness.tcp, readiness.log)",
                "envy.toml:4:1: 'liveness' in service 'a' must be a table, not a string"
                        + " (use one of liveness.command, liveness.http, liveness.tcp)",
                "envy.toml:7:1: unknown key 'readiness.url' in service 'b' (did you mean 'readiness.http'?)",
                "envy.toml:8:1: unknown key 'liveness.retries' in service 'b'"
                        + " (did you mean 'liveness.failure-threshold'?)",
                "envy.toml:11:1: readiness of service 'c' has no check (set one of readiness.command,"
                        + " readiness.http, readiness.tcp, readiness.log, readiness.notify)",
                "envy.toml:14:1: readiness of service 'd' has more than one check (command, tcp)"
                        + " (keep exactly one of readiness.command, .http, .tcp, .log, .notify)",
                "envy.toml:18:1: 'liveness.failure-threshold' in service 'd' must be between 1 and 1000000, not 0"),
                problems("""
                        [services.a]
                        command = "./a"
                        readiness = "curl localhost"
                        liveness = "curl localhost"
                        [services.b]
                        command = "./b"
                        readiness.url = "http://127.0.0.1:1/"
                        liveness.retries = 2
                        [services.c]
                        command = "./c"
                        readiness.interval = "1s"
                        [services.d]
                        command = "./d"
                        readiness.command = "true"
                        readiness.tcp = "127.0.0.1:1"
                        liveness.command = "true"
                        liveness.period = "1s"
                        liveness.failure-threshold = 0
                        """));
        ServiceSpec off = loaded("""
                [services.e]
                command = "./e"
                readiness.notify = false
                readiness.timeout = "5s"
                liveness.command = "true"
                """).services().get("e");
        assertEquals(Optional.empty(), off.readiness(), "notify = false is no check, and not a missing one");
        assertEquals(new Readiness.CommandCheck("true"), off.liveness().orElseThrow().check());
    }

    @Test
    void watchSettingsWithoutAWatchAndBadGlobsAreErrors() {
        assertEquals(List.of(
                "envy.toml:3:1: 'watch-ignore' in service 'a' has no effect without watch"
                        + " (add watch = [\"src/**\"] (the paths whose changes restart 'a'))",
                "envy.toml:6:10: glob '/etc/**' in 'watch' of service 'b' must be relative to the project directory,"
                        + " not absolute (globs are relative to the project directory, e.g. \"src/**/*.py\")",
                "envy.toml:6:21: glob 'src/{a,b' in 'watch' of service 'b' has a '{' without its '}'"
                        + " (globs are relative to the project directory, e.g. \"src/**/*.py\")",
                "envy.toml:9:1: 'watch' in service 'c' must be an array of strings, not a string"
                        + " (write watch = [\"src\"])"),
                problems("""
                        [services.a]
                        command = "./a"
                        watch-ignore = ["x"]
                        [services.b]
                        command = "./b"
                        watch = ["/etc/**", "src/{a,b"]
                        [services.c]
                        command = "./c"
                        watch = "src"
                        """));
    }

    @Test
    void aMistypedKeyGetsADidYouMean() {
        assertEquals(List.of("envy.toml:3:1: unknown key 'watchdgo' in service 'a' (did you mean 'watchdog'?)"),
                problems("[services.a]\ncommand = \"./a\"\nwatchdgo = \"1s\"\n"));
    }
}

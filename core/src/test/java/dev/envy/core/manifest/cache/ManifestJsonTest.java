package dev.envy.core.manifest.cache;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import dev.envy.core.manifest.Condition;
import dev.envy.core.manifest.DaemonLogFormat;
import dev.envy.core.manifest.LoadResult;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.ManifestLoader;
import dev.envy.core.manifest.Problem;
import dev.envy.core.manifest.Readiness;
import dev.envy.core.manifest.RestartPolicy;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.manifest.Signal;
import dev.envy.core.manifest.Size;
import dev.envy.core.manifest.Stop;
import dev.envy.core.manifest.Restart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every valid manifest envy ships or tests with, and one using every field, survives encode → decode unchanged. */
class ManifestJsonTest {
    static final Path FILE = Path.of("/projects/demo/envy.toml");

    /** The valid corpus, the example projects in manifests/ and the starter manifest of {@code envy init}. */
    static Stream<Path> validManifests() throws IOException, URISyntaxException {
        List<Path> all = new ArrayList<>();
        Path corpus = Path.of(Objects.requireNonNull(ManifestJsonTest.class.getResource("/manifests/valid")).toURI());
        try (Stream<Path> files = Files.list(corpus)) {
            files.filter(f -> f.toString().endsWith(".toml")).sorted().forEach(all::add);
        }
        try (Stream<Path> projects = Files.list(Path.of("..", "manifests"))) {
            projects.map(p -> p.resolve("envy.toml")).filter(Files::isRegularFile).sorted().forEach(all::add);
        }
        all.add(Path.of("..", "cli", "src", "main", "resources", "dev", "envy", "cli", "starter-envy.toml"));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validManifests")
    void everyValidManifestRoundTrips(Path toml) throws IOException {
        for (String system : List.of("x86_64-linux", "aarch64-darwin")) {
            LoadResult result = ManifestLoader.parse(Files.readString(toml), FILE, system);
            if (result instanceof LoadResult.Loaded loaded) {
                assertRoundTrips(loaded.manifest());
            } else if (system.equals("x86_64-linux")) {
                throw new AssertionError(toml + " is invalid: " + ((LoadResult.Invalid) result).problems().stream()
                        .map(Problem::format).toList());
            }
        }
    }

    @Test
    void aManifestUsingEveryFieldRoundTrips() {
        assertRoundTrips(everyField());
    }

    @Test
    void theEncodingIsStable() {
        String once = ManifestJson.encode(everyField()).toString();
        String twice = ManifestJson.encode(ManifestJson.decode(Json.parse(once).asObject(), FILE)).toString();

        assertEquals(once, twice);
    }

    @Test
    void servicesAndVarsKeepTheirFileOrder() {
        Manifest m = ManifestJson.decode(ManifestJson.encode(everyField()), FILE);

        assertEquals(List.of("zeta", "alpha", "mid", "tcp", "command"), List.copyOf(m.services().keySet()));
        assertEquals(List.of("Z", "A", "M"), List.copyOf(m.vars().keySet()));
        assertEquals(List.of("zdb", "adb"), List.copyOf(m.service("alpha").orElseThrow().dependsOn().keySet()));
    }

    @Test
    void aLogPatternKeepsItsFlags() {
        Manifest m = ManifestJson.decode(ManifestJson.encode(everyField()), FILE);

        Readiness.LogCheck log = (Readiness.LogCheck) m.service("zeta").orElseThrow().readiness().orElseThrow().check();
        assertEquals(Pattern.CASE_INSENSITIVE | Pattern.MULTILINE, log.pattern().flags());
        assertEquals("^ready\\b.*é", log.pattern().pattern());
    }

    @Test
    void aDifferentFieldDecodesToADifferentManifest() {
        JsonObject json = ManifestJson.encode(everyField());
        json.get("services").asObject().get("alpha").asObject().set("maxRestarts", 9);

        assertNotEquals(everyField(), ManifestJson.decode(json, FILE));
    }

    @Test
    void foreignJsonIsRefused() {
        JsonObject missingField = ManifestJson.encode(everyField());
        missingField.remove("options");
        JsonObject unknownCheck = ManifestJson.encode(everyField());
        unknownCheck.get("services").asObject().get("tcp").asObject().get("readiness").asObject().get("check")
                .asObject().set("kind", "udp");
        JsonObject badCondition = ManifestJson.encode(everyField());
        badCondition.get("services").asObject().get("alpha").asObject().get("dependsOn").asObject().set("zdb", "done");

        for (JsonObject json : List.of(missingField, unknownCheck, badCondition, Json.object().add("version", 1))) {
            assertThrows(RuntimeException.class, () -> ManifestJson.decode(json, FILE), json.toString());
        }
    }

    private static void assertRoundTrips(Manifest manifest) {
        String text = ManifestJson.encode(manifest).toString();
        Manifest decoded = ManifestJson.decode(Json.parse(text).asObject(), FILE);

        assertEquals(manifest, decoded);
        assertEquals(text, ManifestJson.encode(decoded).toString());
    }

    private static Map<String, Integer> ports(String first, int base, String second, int other) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(first, base);
        ports.put(second, other);
        return ports;
    }

    /** Every field away from its default, every kind of check, unusual strings, durations with nanoseconds. */
    static Manifest everyField() {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("Z", "last \"quoted\"\n\ttab ${HOME}");
        vars.put("A", "ünïcødé ☃ 𝄞");
        vars.put("M", "");
        Map<String, Condition> deps = new LinkedHashMap<>();
        deps.put("zdb", Condition.COMPLETED);
        deps.put("adb", Condition.READY);
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        services.put("zeta", new ServiceSpec("zeta", "./zeta", Map.of("K", "v"), "sub/dir", Map.of(),
                Optional.of(new Readiness(new Readiness.LogCheck(
                        Pattern.compile("^ready\\b.*é", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE)),
                        Duration.ofMillis(250), Duration.ofSeconds(90, 5), Duration.ofNanos(1))),
                new Restart(RestartPolicy.ALWAYS, Duration.ofMillis(1500), 0),
                new Stop(new Signal(40, "RT6"), Duration.ofMinutes(2), Optional.of("./zeta --stop")), true, false, List.of("x86_64-linux", "aarch64-darwin"),
                Optional.of(new dev.envy.core.manifest.Liveness(new Readiness.Pending("http", "http://${H}/"),
                        Duration.ofSeconds(7), Duration.ofMillis(700), Duration.ofSeconds(1), 4)),
                Optional.of(Duration.ofMillis(1500)),
                Optional.of(new dev.envy.core.manifest.PathWatch(List.of("src/**", "*.toml"), List.of("**/*.tmp"),
                        Duration.ofMillis(50))),
                ports("http", 18080, "admin-api", 9),
                new java.util.LinkedHashSet<>(List.of("zdb", "adb"))));
        services.put("alpha", ServiceSpec.builder("alpha", "exec sleep 100000").dependsOn(deps)
                .readiness(Readiness.of(new Readiness.HttpCheck(URI.create("https://[::1]:8443/health?q=a%20b#x"))))
                .restart(new Restart(RestartPolicy.ON_FAILURE, Duration.ZERO, 8)).build());
        services.put("mid", ServiceSpec.builder("mid", "true")
                .stop(new Stop(Signal.KILL, Duration.ofSeconds(1), Optional.empty())).build());
        services.put("tcp", ServiceSpec.of("tcp", "nc -l 7000")
                .toBuilder().readiness(Readiness.of(new Readiness.TcpCheck("::1", 7000))).build());
        services.put("command", ServiceSpec.builder("command", "x").autostart(false)
                .readiness(Readiness.of(new Readiness.CommandCheck("test -f ready"))).build());
        return new Manifest(FILE, 1, vars,
                new Manifest.Hook(Optional.of("export A=1"), Optional.empty()),
                new Manifest.Profile("alias ll='ls -l'", "PS1='> '", "", "function f; end"), true,
                new Manifest.Options(List.of("x86_64-linux", "aarch64-darwin"), true, Size.ofBytes(5L << 40), 7,
                        DaemonLogFormat.JSON),
                services);
    }
}

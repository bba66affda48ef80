package dev.envy.core.reload;

import dev.envy.core.manifest.Condition;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.Readiness;
import dev.envy.core.manifest.RestartPolicy;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.manifest.Signal;
import dev.envy.core.manifest.Stop;
import dev.envy.core.manifest.Restart;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestDiffTest {

    private static Manifest manifest(ServiceSpec... services) {
        Map<String, ServiceSpec> byName = new LinkedHashMap<>();
        Arrays.stream(services).forEach(s -> byName.put(s.name(), s));
        return new Manifest(Path.of("envy.toml"), 1, Map.of(), Manifest.Hook.NONE, Manifest.Profile.NONE, false,
                Manifest.Options.DEFAULTS, byName);
    }

    private static ManifestDiff diff(Manifest before, Manifest after) {
        return ManifestDiff.between(before, Map.of(), after, Map.of());
    }

    private static ServiceSpec withVars(ServiceSpec s, Map<String, String> vars) {
        return s.toBuilder().vars(vars).build();
    }

    private static ServiceSpec withWorkingDir(ServiceSpec s, String dir) {
        return s.toBuilder().workingDir(dir).build();
    }

    private static ServiceSpec withIsDaemon(ServiceSpec s, boolean isDaemon) {
        return s.toBuilder().isDaemon(isDaemon).build();
    }

    @Test
    void identicalManifestsAreAllUnchanged() {
        Manifest m = manifest(ServiceSpec.of("db", "postgres"), ServiceSpec.of("web", "npm start"));
        ManifestDiff d = diff(m, m);
        assertEquals(List.of("db", "web"), d.unchanged());
        assertTrue(d.isEmpty());
        assertEquals(Map.of(), d.toRestart(m));
    }

    @Test
    void addedAndRemovedFollowManifestOrder() {
        Manifest before = manifest(ServiceSpec.of("a", "x"), ServiceSpec.of("z", "x"), ServiceSpec.of("b", "x"));
        Manifest after = manifest(ServiceSpec.of("y", "x"), ServiceSpec.of("a", "x"), ServiceSpec.of("c", "x"));
        ManifestDiff d = diff(before, after);
        assertEquals(List.of("y", "c"), d.added());
        assertEquals(List.of("z", "b"), d.removed());
        assertEquals(List.of("a"), d.unchanged());
        assertEquals(Map.of(), d.changed());
    }

    @Test
    void commandChangeIsAReason() {
        ManifestDiff d = diff(manifest(ServiceSpec.of("web", "npm start")), manifest(ServiceSpec.of("web", "npm run dev")));
        assertEquals(Map.of("web", List.of("command changed")), d.changed());
    }

    @Test
    void everyOwnSettingIsAReason() {
        ServiceSpec base = ServiceSpec.of("s", "run");
        Map<String, ServiceSpec> variants = new LinkedHashMap<>();
        variants.put("vars changed", withVars(base, Map.of("PORT", "1")));
        variants.put("working-dir changed", withWorkingDir(base, "sub"));
        variants.put("readiness changed", base.toBuilder()
                .readiness(Readiness.of(new Readiness.TcpCheck("localhost", 80))).build());
        variants.put("restart settings changed", base.toBuilder()
                .restart(new Restart(RestartPolicy.ALWAYS, Duration.ofSeconds(1), 5)).build());
        variants.put("stop settings changed", base.toBuilder()
                .stop(new Stop(Signal.INT, Duration.ofSeconds(10), Optional.empty())).build());
        variants.put("is-daemon changed", withIsDaemon(base, true));
        variants.put("watchdog changed", base.toBuilder().watchdog(Optional.of(Duration.ofSeconds(5))).build());
        variants.put("liveness changed", base.toBuilder().liveness(Optional.of(
                dev.envy.core.manifest.Liveness.of(new Readiness.TcpCheck("localhost", 80)))).build());
        variants.forEach((reason, changed) ->
                assertEquals(Map.of("s", List.of(reason)), diff(manifest(base), manifest(changed)).changed(), reason));
    }

    @Test
    void stopTimeoutAndShutdownCommandAreStopSettings() {
        ServiceSpec base = ServiceSpec.of("s", "run");
        assertEquals(Map.of("s", List.of("stop settings changed")), diff(manifest(base),
                manifest(base.toBuilder()
                        .stop(new Stop(Signal.TERM, Duration.ofSeconds(3), Optional.empty())).build())).changed());
        assertEquals(Map.of("s", List.of("stop settings changed")), diff(manifest(base),
                manifest(base.toBuilder()
                        .stop(new Stop(Signal.TERM, Stop.DEFAULT_TIMEOUT, Optional.of("kill it"))).build()))
                .changed());
    }

    @Test
    void severalReasonsAreAllListedInAFixedOrder() {
        ServiceSpec base = ServiceSpec.of("s", "run");
        ServiceSpec after = withVars(ServiceSpec.of("s", "run2"), Map.of("A", "1"))
                .toBuilder().restart(new Restart(RestartPolicy.ON_FAILURE, Duration.ofSeconds(1), 5)).build();
        assertEquals(List.of("command changed", "vars changed", "restart settings changed"),
                diff(manifest(base), manifest(after)).changed().get("s"));
    }

    @Test
    void aWatchChangeIsAdoptedWithoutARestart() {
        ServiceSpec base = ServiceSpec.of("s", "run");
        ServiceSpec watching = base.toBuilder().watch(Optional.of(new dev.envy.core.manifest.PathWatch(
                List.of("src/**"), List.of(), Duration.ofMillis(300)))).build();
        assertEquals(List.of("s"), diff(manifest(base), manifest(watching)).unchanged());
    }

    @Test
    void UP_2_dependsOnChangeAloneIsNotAChange() {
        ServiceSpec web = ServiceSpec.of("web", "serve");
        ManifestDiff d = diff(manifest(ServiceSpec.of("db", "pg"), web),
                manifest(ServiceSpec.of("db", "pg"), web.toBuilder().dependsOn(Map.of("db", Condition.READY)).build()));
        assertEquals(List.of("db", "web"), d.unchanged());
        assertTrue(d.isEmpty());
    }

    @Test
    void autostartChangeAloneIsNotAChange() {
        ServiceSpec tool = ServiceSpec.of("tool", "run");
        ManifestDiff d = diff(manifest(tool), manifest(tool.toBuilder().autostart(false).build()));
        assertEquals(List.of("tool"), d.unchanged());
    }

    @Test
    void equalLogPatternsAreNotAChangeButDifferentOnesAre() {
        ServiceSpec a = ServiceSpec.builder("s", "run")
                .readiness(Readiness.of(new Readiness.LogCheck(Pattern.compile("up")))).build();
        ServiceSpec same = ServiceSpec.builder("s", "run")
                .readiness(Readiness.of(new Readiness.LogCheck(Pattern.compile("up")))).build();
        ServiceSpec other = ServiceSpec.builder("s", "run")
                .readiness(Readiness.of(new Readiness.LogCheck(Pattern.compile("ready")))).build();
        assertEquals(List.of("s"), diff(manifest(a), manifest(same)).unchanged());
        assertEquals(Map.of("s", List.of("readiness changed")), diff(manifest(a), manifest(other)).changed());
    }

    @Test
    void readinessTimingIsPartOfReadiness() {
        Readiness r = Readiness.of(new Readiness.CommandCheck("true"));
        ServiceSpec a = ServiceSpec.builder("s", "run").readiness(r).build();
        ServiceSpec b = ServiceSpec.builder("s", "run").readiness(
                new Readiness(r.check(), Duration.ofSeconds(2), r.timeout(), r.initialDelay())).build();
        assertEquals(Map.of("s", List.of("readiness changed")), diff(manifest(a), manifest(b)).changed());
    }

    @Test
    void computedEnvironmentChangeIsAReason() {
        Manifest m = manifest(ServiceSpec.of("db", "pg"), ServiceSpec.of("web", "serve"));
        ManifestDiff d = ManifestDiff.between(m, Map.of("db", Map.of("PGPORT", "1"), "web", Map.of("X", "1")),
                m, Map.of("db", Map.of("PGPORT", "2"), "web", Map.of("X", "1")));
        assertEquals(Map.of("db", List.of("environment changed")), d.changed());
        assertEquals(List.of("web"), d.unchanged());
    }

    @Test
    void ownVarsChangeIsNotReportedTwiceAsEnvironment() {
        ServiceSpec before = ServiceSpec.of("s", "run");
        ServiceSpec after = withVars(before, Map.of("PORT", "2"));
        ManifestDiff d = ManifestDiff.between(manifest(before), Map.of("s", Map.of()),
                manifest(after), Map.of("s", Map.of("PORT", "2")));
        assertEquals(Map.of("s", List.of("vars changed")), d.changed());
    }

    @Test
    void restartFollowsReadyAndCompletedDependentsTransitivelyButNotStarted() {
        Manifest before = manifest(
                ServiceSpec.of("db", "pg"),
                ServiceSpec.builder("migrate", "m").dependsOn(Map.of("db", Condition.READY)).build(),
                ServiceSpec.builder("web", "w").dependsOn(Map.of("migrate", Condition.COMPLETED)).build(),
                ServiceSpec.builder("logger", "l").dependsOn(Map.of("db", Condition.STARTED)).build(),
                ServiceSpec.of("other", "o"));
        Manifest after = manifest(
                ServiceSpec.of("db", "pg -v"),
                ServiceSpec.builder("migrate", "m").dependsOn(Map.of("db", Condition.READY)).build(),
                ServiceSpec.builder("web", "w").dependsOn(Map.of("migrate", Condition.COMPLETED)).build(),
                ServiceSpec.builder("logger", "l").dependsOn(Map.of("db", Condition.STARTED)).build(),
                ServiceSpec.of("other", "o"));
        Map<String, String> restart = diff(before, after).toRestart(after);
        assertEquals(List.of("db", "migrate", "web"), List.copyOf(restart.keySet()));
        assertEquals("command changed", restart.get("db"));
        assertEquals("dependency db restarted", restart.get("migrate"));
        assertEquals("dependency migrate restarted", restart.get("web"));
    }

    @Test
    void dependentsDeclaredBeforeTheirDependencyAreStillFound() {
        // new-manifest order puts the dependent first; the fixed point still reaches it through the chain
        Manifest before = manifest(
                ServiceSpec.builder("web", "w").dependsOn(Map.of("api", Condition.READY)).build(),
                ServiceSpec.builder("api", "a").dependsOn(Map.of("db", Condition.READY)).build(),
                ServiceSpec.of("db", "pg"));
        Manifest after = manifest(
                ServiceSpec.builder("web", "w").dependsOn(Map.of("api", Condition.READY)).build(),
                ServiceSpec.builder("api", "a").dependsOn(Map.of("db", Condition.READY)).build(),
                ServiceSpec.of("db", "pg2"));
        Map<String, String> restart = diff(before, after).toRestart(after);
        assertEquals(List.of("web", "api", "db"), List.copyOf(restart.keySet()));
        assertEquals("dependency api restarted", restart.get("web"));
    }

    @Test
    void aChangedServiceKeepsItsOwnReasonEvenWhenADependencyRestarts() {
        Manifest before = manifest(ServiceSpec.of("db", "pg"),
                ServiceSpec.builder("web", "w").dependsOn(Map.of("db", Condition.READY)).build());
        Manifest after = manifest(ServiceSpec.of("db", "pg2"),
                ServiceSpec.builder("web", "w2").dependsOn(Map.of("db", Condition.READY)).build());
        assertEquals(Map.of("db", "command changed", "web", "command changed"), diff(before, after).toRestart(after));
    }

    @Test
    void anAddedDependencyDoesNotRestartItsDependents() {
        Manifest before = manifest(ServiceSpec.of("web", "w"));
        Manifest after = manifest(ServiceSpec.of("db", "pg"),
                ServiceSpec.builder("web", "w").dependsOn(Map.of("db", Condition.READY)).build());
        ManifestDiff d = diff(before, after);
        assertEquals(List.of("db"), d.added());
        assertEquals(Map.of(), d.toRestart(after));
    }
}

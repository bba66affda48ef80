package dev.envy.core.reload;

import dev.envy.core.manifest.Condition;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.Readiness;
import dev.envy.core.manifest.RestartPolicy;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.manifest.Signal;
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
        return new ServiceSpec(s.name(), s.command(), vars, s.workingDir(), s.dependsOn(), s.readiness(), s.restart(),
                s.restartDelay(), s.maxRestarts(), s.stopSignal(), s.stopTimeout(), s.shutdownCommand(), s.isDaemon(),
                s.autostart(), s.systems());
    }

    private static ServiceSpec withWorkingDir(ServiceSpec s, String dir) {
        return new ServiceSpec(s.name(), s.command(), s.vars(), dir, s.dependsOn(), s.readiness(), s.restart(),
                s.restartDelay(), s.maxRestarts(), s.stopSignal(), s.stopTimeout(), s.shutdownCommand(), s.isDaemon(),
                s.autostart(), s.systems());
    }

    private static ServiceSpec withIsDaemon(ServiceSpec s, boolean isDaemon) {
        return new ServiceSpec(s.name(), s.command(), s.vars(), s.workingDir(), s.dependsOn(), s.readiness(),
                s.restart(), s.restartDelay(), s.maxRestarts(), s.stopSignal(), s.stopTimeout(), s.shutdownCommand(),
                isDaemon, s.autostart(), s.systems());
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
        variants.put("readiness changed", base.withReadiness(Readiness.of(new Readiness.TcpCheck("localhost", 80))));
        variants.put("restart settings changed", base.withRestart(RestartPolicy.ALWAYS, Duration.ofSeconds(1), 5));
        variants.put("stop settings changed", base.withStop(Signal.INT, Duration.ofSeconds(10), Optional.empty()));
        variants.put("is-daemon changed", withIsDaemon(base, true));
        variants.forEach((reason, changed) ->
                assertEquals(Map.of("s", List.of(reason)), diff(manifest(base), manifest(changed)).changed(), reason));
    }

    @Test
    void stopTimeoutAndShutdownCommandAreStopSettings() {
        ServiceSpec base = ServiceSpec.of("s", "run");
        assertEquals(Map.of("s", List.of("stop settings changed")), diff(manifest(base),
                manifest(base.withStop(Signal.TERM, Duration.ofSeconds(3), Optional.empty()))).changed());
        assertEquals(Map.of("s", List.of("stop settings changed")), diff(manifest(base),
                manifest(base.withStop(Signal.TERM, ServiceSpec.DEFAULT_STOP_TIMEOUT, Optional.of("kill it")))).changed());
    }

    @Test
    void severalReasonsAreAllListedInAFixedOrder() {
        ServiceSpec base = ServiceSpec.of("s", "run");
        ServiceSpec after = withVars(ServiceSpec.of("s", "run2"), Map.of("A", "1"))
                .withRestart(RestartPolicy.ON_FAILURE, Duration.ofSeconds(1), 5);
        assertEquals(List.of("command changed", "vars changed", "restart settings changed"),
                diff(manifest(base), manifest(after)).changed().get("s"));
    }

    @Test
    void UP_2_dependsOnChangeAloneIsNotAChange() {
        ServiceSpec web = ServiceSpec.of("web", "serve");
        ManifestDiff d = diff(manifest(ServiceSpec.of("db", "pg"), web),
                manifest(ServiceSpec.of("db", "pg"), web.withDependsOn(Map.of("db", Condition.READY))));
        assertEquals(List.of("db", "web"), d.unchanged());
        assertTrue(d.isEmpty());
    }

    @Test
    void autostartChangeAloneIsNotAChange() {
        ServiceSpec tool = ServiceSpec.of("tool", "run");
        ManifestDiff d = diff(manifest(tool), manifest(tool.withAutostart(false)));
        assertEquals(List.of("tool"), d.unchanged());
    }

    @Test
    void equalLogPatternsAreNotAChangeButDifferentOnesAre() {
        ServiceSpec a = ServiceSpec.of("s", "run").withReadiness(Readiness.of(new Readiness.LogCheck(Pattern.compile("up"))));
        ServiceSpec same = ServiceSpec.of("s", "run").withReadiness(Readiness.of(new Readiness.LogCheck(Pattern.compile("up"))));
        ServiceSpec other = ServiceSpec.of("s", "run").withReadiness(Readiness.of(new Readiness.LogCheck(Pattern.compile("ready"))));
        assertEquals(List.of("s"), diff(manifest(a), manifest(same)).unchanged());
        assertEquals(Map.of("s", List.of("readiness changed")), diff(manifest(a), manifest(other)).changed());
    }

    @Test
    void readinessTimingIsPartOfReadiness() {
        Readiness r = Readiness.of(new Readiness.CommandCheck("true"));
        ServiceSpec a = ServiceSpec.of("s", "run").withReadiness(r);
        ServiceSpec b = ServiceSpec.of("s", "run").withReadiness(
                new Readiness(r.check(), Duration.ofSeconds(2), r.timeout(), r.initialDelay()));
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
                ServiceSpec.of("migrate", "m").withDependsOn(Map.of("db", Condition.READY)),
                ServiceSpec.of("web", "w").withDependsOn(Map.of("migrate", Condition.COMPLETED)),
                ServiceSpec.of("logger", "l").withDependsOn(Map.of("db", Condition.STARTED)),
                ServiceSpec.of("other", "o"));
        Manifest after = manifest(
                ServiceSpec.of("db", "pg -v"),
                ServiceSpec.of("migrate", "m").withDependsOn(Map.of("db", Condition.READY)),
                ServiceSpec.of("web", "w").withDependsOn(Map.of("migrate", Condition.COMPLETED)),
                ServiceSpec.of("logger", "l").withDependsOn(Map.of("db", Condition.STARTED)),
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
                ServiceSpec.of("web", "w").withDependsOn(Map.of("api", Condition.READY)),
                ServiceSpec.of("api", "a").withDependsOn(Map.of("db", Condition.READY)),
                ServiceSpec.of("db", "pg"));
        Manifest after = manifest(
                ServiceSpec.of("web", "w").withDependsOn(Map.of("api", Condition.READY)),
                ServiceSpec.of("api", "a").withDependsOn(Map.of("db", Condition.READY)),
                ServiceSpec.of("db", "pg2"));
        Map<String, String> restart = diff(before, after).toRestart(after);
        assertEquals(List.of("web", "api", "db"), List.copyOf(restart.keySet()));
        assertEquals("dependency api restarted", restart.get("web"));
    }

    @Test
    void aChangedServiceKeepsItsOwnReasonEvenWhenADependencyRestarts() {
        Manifest before = manifest(ServiceSpec.of("db", "pg"),
                ServiceSpec.of("web", "w").withDependsOn(Map.of("db", Condition.READY)));
        Manifest after = manifest(ServiceSpec.of("db", "pg2"),
                ServiceSpec.of("web", "w2").withDependsOn(Map.of("db", Condition.READY)));
        assertEquals(Map.of("db", "command changed", "web", "command changed"), diff(before, after).toRestart(after));
    }

    @Test
    void anAddedDependencyDoesNotRestartItsDependents() {
        Manifest before = manifest(ServiceSpec.of("web", "w"));
        Manifest after = manifest(ServiceSpec.of("db", "pg"),
                ServiceSpec.of("web", "w").withDependsOn(Map.of("db", Condition.READY)));
        ManifestDiff d = diff(before, after);
        assertEquals(List.of("db"), d.added());
        assertEquals(Map.of(), d.toRestart(after));
    }
}

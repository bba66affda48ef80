package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Condition;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.Problem;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.manifest.Signal;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.envy.core.lifecycle.Harness.manifest;
import static dev.envy.core.lifecycle.Harness.svc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReloadTest {

    private static Harness running(ServiceSpec... specs) {
        Harness h = new Harness(specs).attached();
        h.request(new Request.Start(List.of(), true, 0));
        h.bringUp();
        return h;
    }

    private static long reload(Harness h, Manifest next) {
        long id = h.request(new Request.Reload());
        assertEquals(List.of(new Effect.LoadManifest(id)), h.last);
        h.step(new Event.ManifestLoaded(id, next, Environments.NONE));
        return id;
    }

    private static ServiceSpec cmd(ServiceSpec spec, String command) {
        return spec.toBuilder().command(command).build();
    }

    @Test
    void UP_1_removedStopAddedStartChangedRestartUnchangedUntouched() {
        Harness h = running(svc("db"), svc("web", "db"), svc("old"));
        long db = h.pid("db");
        long id = reload(h, manifest(svc("db"), cmd(svc("web", "db"), "serve --new"), svc("cache")));

        Response.Result r = h.resultOf(id);
        assertEquals(List.of("db: unchanged", "web: restarted (command changed)", "cache: added", "old: removed"),
                r.notes());
        assertEquals(List.of("cache"), h.spawnedNames());
        assertEquals(List.of("web", "old"), h.signalledNames().stream().sorted((a, b) -> b.compareTo(a)).toList());
        assertTrue(h.last.stream().noneMatch(e -> concerns(e, "db")), "db is not touched at all");

        h.exitSignalled();
        assertEquals(List.of("web"), h.spawnedNames());
        assertEquals("serve --new", h.lastOf(Effect.Spawn.class).getFirst().command());
        assertFalse(h.state.services().containsKey("old"), "a removed service is forgotten once stopped");
        assertEquals(db, h.pid("db"));
    }

    /** Whether an effect acts on {@code service} (a reply merely showing it does not). */
    static boolean concerns(Effect e, String service) {
        return switch (e) {
            case Effect.Spawn s -> s.service().equals(service);
            case Effect.SendSignal s -> s.service().equals(service);
            case Effect.RunShutdownCommand s -> s.service().equals(service);
            case Effect.Adopt s -> s.service().equals(service);
            case Effect.KillTree s -> s.service().equals(service);
            case Effect.StartProbe s -> s.service().equals(service);
            case Effect.StopProbe s -> s.service().equals(service);
            case Effect.CheckLiveness s -> s.service().equals(service);
            case Effect.WatchPaths w -> false;
            case Effect.ScheduleTimer t -> t.key().subject().equals(service);
            case Effect.CancelTimer t -> t.key().subject().equals(service);
            case Effect.Stream s -> false;
            case Effect.Reply r -> false;
            case Effect.WatchActivation w -> false;
            case Effect.LoadManifest l -> false;
            case Effect.PersistState p -> false;
            case Effect.RunDeactivateHook d -> false;
            case Effect.ExitDaemon x -> false;
        };
    }

    @Test
    void UP_2_dependsOnOnlyChangeRestartsNothing() {
        Harness h = running(svc("db"), svc("cache"), svc("web", "db"));
        long id = reload(h, manifest(svc("db"), svc("cache"), svc("web", "db", "cache")));
        assertEquals(List.of("db: unchanged", "cache: unchanged", "web: unchanged"), h.resultOf(id).notes());
        assertEquals(List.of(new Effect.Reply(id, h.resultOf(id))), h.last);
    }

    @Test
    void UP_2_aReadyDependentOfARestartedServiceRestartsToo() {
        Harness h = running(svc("db"), svc("api", Map.of("db", Condition.READY)), svc("web", "db"));
        long id = reload(h, manifest(cmd(svc("db"), "postgres -p 5433"),
                svc("api", Map.of("db", Condition.READY)), svc("web", "db")));
        assertEquals(List.of("db: restarted (command changed)", "api: restarted (dependency db restarted)",
                "web: unchanged"), h.resultOf(id).notes());
        assertEquals(List.of("api"), h.signalledNames(), "dependents stop first");
        h.exitSignalled();
        h.exitSignalled();
        assertEquals(List.of("db"), h.spawnedNames());
        h.spawned("db");
        assertEquals(List.of("api"), h.spawnedNames());
        assertEquals(ServiceStatus.RUNNING, h.status("web"));
    }

    @Test
    void UP_1_invalidManifestIsRejectedAndNothingChanges() {
        Harness h = running(svc("db"));
        SupervisorState before = h.state;
        long id = h.request(new Request.Reload());
        h.step(new Event.ManifestRejected(id, List.of(new Problem("envy.toml", 3, 1, "unknown key 'comand'",
                Optional.of("did you mean 'command'?"))), "envy.toml is invalid"));
        Response.Error e = h.errorOf(id);
        assertEquals(2, e.exitCode());
        assertEquals("envy.toml is invalid\nenvy.toml:3:1: unknown key 'comand' (did you mean 'command'?)",
                e.message());
        assertEquals(before.services(), h.state.services());
        assertEquals(before.manifest(), h.state.manifest());
    }

    @Test
    void UP_1_addedServicesWaitWhenTheEnvironmentIsDown() {
        Harness h = new Harness(svc("db"));
        long id = reload(h, manifest(svc("db"), svc("cache")));
        assertEquals(List.of("db: unchanged", "cache: added (not started)"), h.resultOf(id).notes());
        assertEquals(ServiceStatus.NOT_STARTED, h.status("cache"));
        assertTrue(h.spawnedNames().isEmpty());
    }

    @Test
    void UP_1_hupReloadIsAppliedWithoutAReply() {
        Harness h = running(svc("db"));
        h.step(new Event.SignalReceived(Signal.HUP));
        h.step(new Event.ManifestLoaded(-1, manifest(svc("db"), svc("cache")), Environments.NONE));
        assertEquals(List.of("cache"), h.spawnedNames());
        assertTrue(h.lastOf(Effect.Reply.class).isEmpty());
    }

    @Test
    void UP_1_changedEnvironmentRestarts() {
        Harness h = running(svc("db"));
        long id = h.request(new Request.Reload());
        h.step(new Event.ManifestLoaded(id, manifest(svc("db")),
                new Environments(Map.of(), Map.of("db", Map.of("PGPORT", "5433")))));
        assertEquals(List.of("db: restarted (environment changed)"), h.resultOf(id).notes());
        h.exitSignalled();
        assertEquals(Map.of("PGPORT", "5433"), h.lastOf(Effect.Spawn.class).getFirst().environment());
    }

    @Test
    void reloadWhileSpawningStopsAndStartsAgainWithTheNewDefinition() {
        Harness h = new Harness(svc("db")).attached();
        h.request(new Request.Start(List.of(), true, 0));
        assertEquals(List.of("db"), h.spawnedNames());
        reload(h, manifest(cmd(svc("db"), "v2")));
        assertTrue(h.spawnedNames().isEmpty(), "no second process while the first spawn is under way");
        long first = h.spawned("db");
        assertEquals(List.of(new Effect.SendSignal("db", first, Signal.TERM)), h.lastOf(Effect.SendSignal.class));
        h.exitSignalled();
        assertEquals(List.of("db"), h.spawnedNames());
        assertEquals("v2", h.lastOf(Effect.Spawn.class).getFirst().command());
        h.spawned("db");
        assertEquals(1, h.state.liveProcesses().size());
    }

    @Test
    void twoReloadsConvergeOnTheLastWithOneProcess() {
        Harness h = running(svc("db"));
        long a = h.request(new Request.Reload());
        long b = h.request(new Request.Reload());
        h.step(new Event.ManifestLoaded(a, manifest(cmd(svc("db"), "v2")), Environments.NONE));
        h.step(new Event.ManifestLoaded(b, manifest(cmd(svc("db"), "v3")), Environments.NONE));
        assertEquals(List.of("db: restarted (command changed)"), h.resultOf(b).notes());
        assertTrue(h.signalledNames().isEmpty(), "the second reload does not signal again");
        assertEquals(1, Harness.of(h.all, Effect.SendSignal.class).size());
        h.stopAll();
        List<Effect.Spawn> spawns = h.lastOf(Effect.Spawn.class);
        assertEquals(1, spawns.size());
        assertEquals("v3", spawns.getFirst().command());
    }

    @Test
    void reloadDuringTeardownChangesNothing() {
        Harness h = running(svc("db"));
        long id = h.request(new Request.Reload());
        h.step(new Event.ActivationExited(Harness.SHELL, Harness.SHELL_START));
        h.step(new Event.ManifestLoaded(id, manifest(svc("db"), svc("cache")), Environments.NONE));
        assertTrue(h.spawnedNames().isEmpty());
        assertEquals(1, h.repliesTo(id));
    }
}

package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Condition;
import dev.envy.core.manifest.Restart;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.envy.core.lifecycle.Harness.checked;
import static dev.envy.core.lifecycle.Harness.svc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestartTest {

    private static Harness running(dev.envy.core.manifest.ServiceSpec... specs) {
        Harness h = new Harness(specs).attached();
        h.request(new Request.Start(List.of(), true, 0));
        h.bringUp();
        return h;
    }

    @Test
    void RS_1_restartStopsThenStartsAndBlocksUntilReady() {
        Harness h = running(checked(svc("db")));
        long old = h.pid("db");
        long id = h.request(new Request.Restart(List.of("db"), false, true, 60_000));
        assertEquals(List.of("db"), h.signalledNames());
        h.exitSignalled();
        assertEquals(List.of("db"), h.spawnedNames());
        long pid = h.spawned("db");
        assertNotEquals(old, pid);
        assertTrue(h.replyTo(id).isEmpty(), "waits for readiness");
        h.step(new Event.ProbePassed("db", pid));
        assertEquals(0, h.resultOf(id).exitCode());
    }

    @Test
    void RS_2_withDependentsStopsInReverseAndStartsInOrder() {
        Harness h = running(svc("db"), svc("web", Map.of("db", Condition.STARTED)), svc("api", "web"),
                svc("other"));
        long id = h.request(new Request.Restart(List.of("db"), true, true, 0));
        assertEquals(List.of("api"), h.signalledNames());
        h.exitSignalled();
        assertEquals(List.of("web"), h.signalledNames());
        assertTrue(h.spawnedNames().isEmpty(), "nothing starts while its dependency is still stopping");
        h.exitSignalled();
        assertEquals(List.of("db"), h.signalledNames());
        h.exitSignalled();
        assertEquals(List.of("db"), h.spawnedNames());
        h.spawned("db");
        assertEquals(List.of("web"), h.spawnedNames());
        h.spawned("web");
        assertEquals(List.of("api"), h.spawnedNames());
        h.spawned("api");
        h.settle(); // ST-10: a restart answers once the new process has settled
        h.settle();
        Response.Result r = h.resultOf(id);
        assertEquals(0, r.exitCode());
        assertEquals(List.of("db", "web", "api"), r.services().stream().map(v -> v.name()).toList());
        assertEquals(ServiceStatus.RUNNING, h.status("other"));
    }

    @Test
    void RS_2_onlyTheNamedOnesByDefault() {
        Harness h = running(svc("db"), svc("web", "db"));
        h.request(new Request.Restart(List.of("db"), false, true, 0));
        assertEquals(List.of("db"), h.signalledNames());
        assertEquals(ServiceStatus.RUNNING, h.status("web"));
    }

    @Test
    void RS_3_noNamesRestartsEveryRunningOne() {
        Harness h = running(svc("db"), svc("web", "db"), svc("tool").toBuilder().autostart(false).build());
        h.request(new Request.Restart(List.of(), false, true, 0));
        assertEquals(List.of("web"), h.signalledNames());
        h.exitSignalled();
        h.exitSignalled();
        assertEquals(List.of("db"), h.spawnedNames());
        assertEquals(ServiceStatus.NOT_STARTED, h.status("tool"));
    }

    @Test
    void RS_5_notRunningIsStartedWithANote() {
        Harness h = running(svc("db"), svc("web").toBuilder().autostart(false).build());
        long id = h.request(new Request.Restart(List.of("web"), false, true, 0));
        assertEquals(List.of("web"), h.spawnedNames());
        h.spawned("web");
        h.settle(); // ST-10: a restart answers once the new process has settled
        h.settle();
        assertEquals(List.of("web: was not running, started"), h.resultOf(id).notes());
    }

    @Test
    void RS_7_unknownNamesRestartNothing() {
        Harness h = running(svc("db"));
        long id = h.request(new Request.Restart(List.of("db", "bd2"), false, true, 0));
        assertEquals(2, h.errorOf(id).exitCode());
        assertTrue(h.signalledNames().isEmpty());
    }

    @Test
    void manualRestartResetsTheRestartCount() {
        Harness h = running(svc("db").toBuilder().restart(new Restart(dev.envy.core.manifest.RestartPolicy.ALWAYS,
                java.time.Duration.ofSeconds(1), 5)).build());
        h.exit("db", 1);
        assertEquals(1, h.service("db").restarts());
        h.request(new Request.Restart(List.of("db"), false, true, 0));
        assertEquals(0, h.service("db").restarts());
        assertEquals(List.of("db"), h.spawnedNames());
    }

    @Test
    void RS_8_aRestartRunsTheNamedServiceAsEnvyTomlDefinesItNow() {
        Harness h = running(svc("db"), svc("web", "db"));
        long id = h.requestOnly(new Request.Restart(List.of("web"), false, true, 0));
        assertEquals(List.of(new Effect.LoadManifest(id, false)), h.last, "envy.toml is read first, not applied");

        dev.envy.core.manifest.ServiceSpec edited = svc("web", "db").toBuilder().command("run-web --new").build();
        dev.envy.core.manifest.ServiceSpec db = svc("db").toBuilder().command("run-db --also-edited").build();
        h.step(new Event.ManifestLoaded(id, Harness.manifest(db, edited), Environments.NONE));
        assertEquals(List.of("web"), h.signalledNames(), "only web restarts");
        h.exitSignalled();
        assertEquals("run-web --new", Harness.of(h.last, Effect.Spawn.class).getFirst().command());
        h.spawned("web");
        h.settle(); // ST-10: a restart answers once the new process has settled

        Response.Result r = h.resultOf(id);
        assertEquals(0, r.exitCode());
        assertEquals(List.of("web: restarted with its new definition from envy.toml (command changed)",
                "note: envy.toml also changed db; `envy services reload` applies that"), r.notes());
        assertEquals("run-db", h.state.manifest().services().get("db").command(), "db keeps its applied definition");
    }

    @Test
    void RS_8_aDependsOnChangeOrAnInvalidManifestRestartsTheAppliedDefinitionAndSaysSo() {
        Harness h = running(svc("db"), svc("cache"), svc("web", "db"));
        long id = h.requestOnly(new Request.Restart(List.of("web"), false, true, 0));
        dev.envy.core.manifest.ServiceSpec moved = svc("web", "cache").toBuilder().command("run-web --new").build();
        h.step(new Event.ManifestLoaded(id, Harness.manifest(svc("db"), svc("cache"), moved), Environments.NONE));
        h.exitSignalled();
        assertEquals("run-web", Harness.of(h.last, Effect.Spawn.class).getFirst().command());
        h.spawned("web");
        h.settle(); // ST-10: a restart answers once the new process has settled
        assertEquals(List.of("web: its depends-on changed in envy.toml; restarted as last applied "
                + "(`envy services reload` applies envy.toml)"), h.resultOf(id).notes());

        long again = h.requestOnly(new Request.Restart(List.of("web"), false, true, 0));
        h.step(new Event.ManifestRejected(again, List.of(), "envy.toml is invalid"));
        h.exitSignalled();
        h.spawned("web");
        h.settle(); // ST-10: a restart answers once the new process has settled
        assertEquals(List.of("note: envy.toml is invalid; restarted as last applied (`envy check` shows what is wrong)"),
                h.resultOf(again).notes());
    }

    @Test
    void RS_8_anUnchangedManifestAddsNothingToTheAnswer() {
        Harness h = running(svc("db"));
        long id = h.request(new Request.Restart(List.of("db"), false, true, 0));
        h.exitSignalled();
        h.spawned("db");
        h.settle(); // ST-10: a restart answers once the new process has settled
        assertEquals(List.of(), h.resultOf(id).notes());
    }
}

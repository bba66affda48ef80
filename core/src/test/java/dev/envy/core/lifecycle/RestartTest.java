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
}

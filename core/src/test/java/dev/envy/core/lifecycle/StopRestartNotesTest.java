package dev.envy.core.lifecycle;

import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.envy.core.lifecycle.Harness.checked;
import static dev.envy.core.lifecycle.Harness.svc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StopRestartNotesTest {

    private static Harness running(ServiceSpec... specs) {
        Harness h = new Harness(specs).attached();
        h.request(new Request.Start(List.of(), true, 0));
        h.bringUp();
        return h;
    }

    @Test
    void SP_2_noNamesStopsEverything() {
        Harness h = running(svc("a"), svc("b"), svc("c"));
        long id = h.request(new Request.Stop(List.of(), true));
        assertEquals(List.of("a", "b", "c"), h.signalledNames().stream().sorted().toList());
        h.exitSignalled();
        assertEquals(0, h.resultOf(id).exitCode());
        assertTrue(h.state.views().stream().allMatch(v -> v.status().equals("stopped")));
    }

    @Test
    void SP_7_someNotRunningGetNotesTheRestStop() {
        Harness h = new Harness(svc("a"), svc("b").toBuilder()
                .autostart(false).build(), svc("c").toBuilder().autostart(false).build()).attached();
        h.request(new Request.Start(List.of(), true, 0));
        h.bringUp();
        long id = h.request(new Request.Stop(List.of("a", "b", "c"), true));
        h.exitSignalled();
        Response.Result r = h.resultOf(id);
        assertEquals(0, r.exitCode());
        assertEquals(List.of("c: not running", "b: not running"), r.notes());
    }

    @Test
    void SP_8_notRunningIsANoteUnknownIsAnError() {
        Harness h = new Harness(svc("db")).attached();
        long known = h.request(new Request.Stop(List.of("db"), true));
        assertEquals(List.of("db: not running"), h.resultOf(known).notes());
        long unknown = h.request(new Request.Stop(List.of("dv"), true));
        assertEquals(2, h.errorOf(unknown).exitCode());
    }

    @Test
    void RS_4_restartBlocksUntilReady() {
        Harness h = running(checked(svc("db")));
        long id = h.request(new Request.Restart(List.of("db"), false, true, 0));
        h.exitSignalled();
        long pid = h.spawned("db");
        assertTrue(h.replyTo(id).isEmpty());
        h.step(new Event.ProbePassed("db", pid));
        assertEquals(0, h.resultOf(id).exitCode());
    }

    @Test
    void RS_6_someNotRunningAreStartedTheRestRestart() {
        Harness h = new Harness(svc("a"), svc("b").toBuilder().autostart(false).build()).attached();
        h.request(new Request.Start(List.of(), true, 0));
        h.bringUp();
        long id = h.request(new Request.Restart(List.of("a", "b"), false, true, 0));
        assertEquals(List.of("a"), h.signalledNames());
        assertEquals(List.of("b"), h.spawnedNames());
        h.exitSignalled();
        h.bringUp();
        Response.Result r = h.resultOf(id);
        assertEquals(0, r.exitCode());
        assertEquals(List.of("b: was not running, started"), r.notes());
    }

    @Test
    void restartWithNoNamesAndNothingRunningSaysSo() {
        Harness h = new Harness(svc("a")).attached();
        long id = h.request(new Request.Restart(List.of(), false, true, 0));
        assertEquals(List.of("nothing is running"), h.resultOf(id).notes());
        assertTrue(h.spawnedNames().isEmpty());
    }
}

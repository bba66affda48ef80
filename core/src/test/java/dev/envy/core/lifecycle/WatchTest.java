package dev.envy.core.lifecycle;

import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.core.protocol.ServiceView;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.envy.core.lifecycle.Harness.SHELL;
import static dev.envy.core.lifecycle.Harness.SHELL_START;
import static dev.envy.core.lifecycle.Harness.svc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TV-1: a watch gets the state at once and after every change, never holds the daemon up, ends with the last state. */
class WatchTest {

    private static List<Response.StatusReport> streamed(List<Effect> effects, long id) {
        return Harness.of(effects, Effect.Stream.class).stream().filter(s -> s.requestId() == id)
                .map(s -> assertInstanceOf(Response.StatusChanged.class, s.response()).report()).toList();
    }

    private static List<String> statuses(Response.StatusReport report) {
        return report.services().stream().map(v -> v.name() + " " + v.status()).toList();
    }

    @Test
    void TV_1_aWatchGetsTheStateAtOnceAndAfterEveryChange() {
        Harness h = new Harness(svc("db"), svc("web", "db")).attached();

        long watch = h.request(new Request.Watch());
        List<Response.StatusReport> first = streamed(h.last, watch);
        assertEquals(1, first.size());
        assertEquals(List.of("db not-started", "web not-started"), statuses(first.getFirst()));
        assertEquals(1, first.getFirst().activations());
        assertTrue(h.lastOf(Effect.Reply.class).isEmpty(), "a watch is not answered while the daemon runs");

        h.request(new Request.Start(List.of(), false, 0));
        assertEquals(List.of("db starting", "web waiting"), statuses(streamed(h.last, watch).getLast()));
        h.bringUp();
        List<Response.StatusReport> all = streamed(h.all, watch);
        assertEquals(List.of("db running", "web running"), statuses(all.getLast()));
        for (int i = 1; i < all.size(); i++) {
            assertTrue(!all.get(i).equals(all.get(i - 1)), "only changes are streamed");
        }

        h.request(new Request.Status(List.of()));
        assertEquals(List.of(), streamed(h.last, watch), "a request that changes nothing streams nothing");
    }

    @Test
    void TV_1_aWatchSeesActivationsAndTheHold() {
        Harness h = new Harness(svc("db")).attached();
        long watch = h.request(new Request.Watch());

        h.request(new Request.Attach(9001, 5));
        assertEquals(2, streamed(h.last, watch).getLast().activations());
        h.request(new Request.Hold());
        assertTrue(streamed(h.last, watch).getLast().hold());
    }

    @Test
    void TV_1_aWatcherThatHangsUpGetsNothingMore() {
        Harness h = new Harness(svc("db")).attached();
        long watch = h.request(new Request.Watch());

        h.step(new Event.ClientGone(watch));
        h.request(new Request.Start(List.of(), false, 0));
        assertEquals(List.of(), streamed(h.last, watch));
    }

    @Test
    void TV_1_aWatchDoesNotKeepTheDaemonAndEndsWithTheLastState() {
        Harness h = new Harness(svc("db")).attached();
        h.request(new Request.Start(List.of(), true, 0));
        h.bringUp();
        long watch = h.request(new Request.Watch());

        h.step(new Event.ActivationExited(SHELL, SHELL_START));
        assertEquals(List.of("db stopping"), statuses(streamed(h.last, watch).getLast()));
        h.stopAll();

        Effect.Reply last = h.lastOf(Effect.Reply.class).stream().filter(r -> r.requestId() == watch).findFirst()
                .orElseThrow(() -> new AssertionError("the watch is answered: " + h.last));
        Response.StatusReport report = assertInstanceOf(Response.StatusReport.class, last.response());
        assertEquals(List.of("db stopped"), statuses(report));
        assertEquals(1, h.lastOf(Effect.ExitDaemon.class).size(), "the daemon exits with a watcher attached");
        assertTrue(h.all.indexOf(last) < h.all.indexOf(h.lastOf(Effect.ExitDaemon.class).getFirst()));
    }

    @Test
    void TV_1_aWatchDuringTeardownIsToldTheDaemonIsShuttingDown() {
        Harness h = new Harness(svc("db")).attached();
        h.request(new Request.Start(List.of(), true, 0));
        h.bringUp();
        h.step(new Event.ActivationExited(SHELL, SHELL_START));

        long watch = h.request(new Request.Watch());
        assertEquals(List.of(new Effect.Reply(watch, new Response.ShuttingDown())), h.last);
    }

    @Test
    void AC_6_holdKeepsTheServicesAsTheyAreWithNoActivation() {
        Harness h = new Harness(svc("db"), svc("web")).attached();
        h.request(new Request.Start(List.of("db"), true, 0));
        h.bringUp();

        long hold = h.request(new Request.Hold());
        assertEquals(List.of(), h.lastOf(Effect.Spawn.class), "nothing is started");
        Response.Result result = assertInstanceOf(Response.Result.class, h.lastOf(Effect.Reply.class).getFirst()
                .response());
        assertEquals(0, result.exitCode());
        assertEquals(hold, h.lastOf(Effect.Reply.class).getFirst().requestId());

        h.step(new Event.ActivationExited(SHELL, SHELL_START));
        assertEquals(ServiceStatus.RUNNING, h.status("db"), "held up with no activation");
        assertEquals(ServiceStatus.NOT_STARTED, h.status("web"));
        ServiceView db = h.state.views().getFirst();
        assertEquals("running", db.status());
    }
}

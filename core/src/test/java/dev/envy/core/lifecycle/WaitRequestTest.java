package dev.envy.core.lifecycle;

import dev.envy.core.protocol.Codec;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.envy.core.lifecycle.Harness.checked;
import static dev.envy.core.lifecycle.Harness.svc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WT-2: {@code envy services wait} starts nothing and answers once the services are up or cannot come up. */
class WaitRequestTest {

    @Test
    void answersOnceEveryServiceIsReady() {
        Harness h = new Harness(checked(svc("db")), svc("web", "db")).attached();
        h.request(new Request.Up(false, 0));
        long wait = h.request(new Request.Wait(List.of(), 0));
        assertEquals(0, h.repliesTo(wait));
        assertEquals(List.of(), h.spawnedNames(), "waiting starts nothing");

        h.bringUp();

        Response.Result result = h.resultOf(wait);
        assertEquals(0, result.exitCode());
        assertEquals(List.of(), result.errors());
    }

    @Test
    void aServiceThatIsNotComingUpIsNamedAtOnce() {
        Harness h = new Harness(svc("db"), svc("tool")).attached();
        long wait = h.request(new Request.Wait(List.of("db", "tool"), 0));

        Response.Result result = h.resultOf(wait);
        assertEquals(1, result.exitCode());
        assertEquals(List.of("db: not started", "tool: not started"), result.errors());
    }

    @Test
    void aFailureWhileWaitingEndsTheWaitNamingIt() {
        Harness h = new Harness(checked(svc("db")), svc("web", java.util.Map.of("db",
                dev.envy.core.manifest.Condition.READY))).attached();
        h.request(new Request.Up(false, 0));
        long wait = h.request(new Request.Wait(List.of("web"), 0));
        h.spawned("db");

        h.exit("db", 3);

        assertEquals(List.of("web: blocked: dependency db failed"), h.resultOf(wait).errors());
    }

    @Test
    void theTimeoutAnswersWithWhatIsStillComing() {
        Harness h = new Harness(checked(svc("db"))).attached();
        h.request(new Request.Up(false, 0));
        long wait = h.request(new Request.Wait(List.of("db"), 2000));
        h.spawned("db");
        h.advance(Duration.ofSeconds(2));

        h.step(new Event.TimerFired(Waits.timerOf(wait)));

        assertEquals(List.of("db: not up after 2s (still starting)"), h.resultOf(wait).errors());
    }

    @Test
    void unknownNamesAreRefused() {
        Harness h = new Harness(svc("db")).attached();
        long wait = h.request(new Request.Wait(List.of("dbb"), 0));
        assertEquals(2, h.errorOf(wait).exitCode());
        assertTrue(h.errorOf(wait).message().contains("unknown service 'dbb'"));
    }

    @Test
    void travelsTheWire() throws Exception {
        Request.Wait w = new Request.Wait(List.of("db", "web"), 1500);
        assertEquals(w, Codec.decodeRequest(Codec.encode(w)));
    }
}

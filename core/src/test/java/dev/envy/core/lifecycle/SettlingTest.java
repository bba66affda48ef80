package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Restart;
import dev.envy.core.manifest.RestartPolicy;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.envy.core.lifecycle.Harness.svc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ST-10: a command that cannot run, or dies at once, is a failed start, never "running". */
class SettlingTest {

    private static Harness ghost(String command, RestartPolicy policy) {
        var spec = svc("ghost").toBuilder().command(command)
                .restart(new Restart(policy, Duration.ofSeconds(1), 5)).build();
        return new Harness(spec).attached();
    }

    @Test
    void ST_10_runningIsReportedOnlyAfterTheSettleWindow() {
        Harness h = ghost("exec sleep 100", RestartPolicy.NO);
        long id = h.request(new Request.Start(List.of(), true, 0));
        h.spawned("ghost");
        assertTrue(h.replyTo(id).isEmpty(), "not answered while the service may still die");
        assertTrue(h.last.stream().noneMatch(e -> e instanceof Effect.Stream s
                && s.response() instanceof Response.Progress p && p.status().equals("running")));
        h.advance(Settling.WINDOW);
        h.step(new Event.TimerFired(new TimerKey(TimerKey.Kind.SETTLE, "ghost", h.service("ghost").generation())));
        assertEquals(0, h.resultOf(id).exitCode());
        assertTrue(h.last.stream().anyMatch(e -> e instanceof Effect.Stream s
                && s.response() instanceof Response.Progress p && p.status().equals("running")));
    }

    @Test
    void ST_10_theWindowCountsFromTheSpawnNotFromWhenItsEventIsTaken() {
        Harness h = ghost("exec sleep 100", RestartPolicy.NO);
        long id = h.request(new Request.Start(List.of(), true, 0));
        java.time.Instant spawnedAt = h.now;
        h.advance(Duration.ofMillis(200)); // a burst of spawns went first
        h.step(new Event.Spawned("ghost", 4242, 77, Optional.of(spawnedAt)));
        assertEquals(List.of(Duration.ofMillis(100)), Harness.of(h.last, Effect.ScheduleTimer.class).stream()
                .filter(t -> t.key().kind() == TimerKey.Kind.SETTLE).map(Effect.ScheduleTimer::after).toList(),
                "what is left of the window");
        assertTrue(h.replyTo(id).isEmpty());
        h.advance(Duration.ofMillis(100));
        h.step(new Event.TimerFired(new TimerKey(TimerKey.Kind.SETTLE, "ghost", h.service("ghost").generation())));
        assertEquals(0, h.resultOf(id).exitCode());
    }

    @Test
    void ST_10_aMissingProgramFailsTheStartWithAPlainMessageAndIsNotRestarted() {
        Harness h = ghost("redis-serverx --port 16380", RestartPolicy.ALWAYS);
        long id = h.request(new Request.Start(List.of(), true, 0));
        long pid = h.spawned("ghost");
        h.advance(Duration.ofMillis(20));
        h.step(new Event.Exited("ghost", pid, 127, Optional.empty()));
        assertEquals(ServiceStatus.FAILED, h.status("ghost"));
        Response.Result r = h.resultOf(id);
        assertEquals(1, r.exitCode());
        assertEquals(List.of("ghost: command not found: redis-serverx"), r.errors());
        assertTrue(Harness.of(h.last, Effect.ScheduleTimer.class).stream()
                .noneMatch(t -> t.key().kind() == TimerKey.Kind.BACKOFF), "restarting cannot help");
    }

    @Test
    void ST_10_aProgramThatIsNotExecutableIsNamed() {
        Harness h = ghost("FOO=1 exec ./run.sh", RestartPolicy.NO);
        long id = h.request(new Request.Start(List.of(), true, 0));
        long pid = h.spawned("ghost");
        h.step(new Event.Exited("ghost", pid, 126, Optional.empty()));
        assertEquals(List.of("ghost: cannot execute ./run.sh (permission denied, or not an executable)"),
                h.resultOf(id).errors());
    }

    @Test
    void ST_10_aServiceThatDiesWithinTheWindowIsAFailedStart() {
        Harness h = ghost("false", RestartPolicy.NO);
        long id = h.request(new Request.Start(List.of(), true, 0));
        long pid = h.spawned("ghost");
        h.advance(Duration.ofMillis(50));
        h.step(new Event.Exited("ghost", pid, 1, Optional.empty()));
        assertEquals(1, h.resultOf(id).exitCode());
        assertEquals(List.of("ghost: failed with exit code 1"), h.resultOf(id).errors());
    }
}

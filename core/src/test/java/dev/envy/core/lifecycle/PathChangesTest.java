package dev.envy.core.lifecycle;

import dev.envy.core.manifest.PathWatch;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.protocol.Request;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.envy.core.lifecycle.Harness.svc;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** WT-1: changes under watched paths, debounced on the supervisor's timers. */
class PathChangesTest {

    private static final Duration DEBOUNCE = Duration.ofMillis(300);
    private static final PathWatch SRC = new PathWatch(List.of("src/**"), List.of(), DEBOUNCE);
    private static final TimerKey KEY = new TimerKey(TimerKey.Kind.PATHS_CHANGED, "api", 0);

    private static ServiceSpec api() {
        return svc("api").toBuilder().watch(Optional.of(SRC)).build();
    }

    private static Harness running() {
        Harness h = new Harness(api(), svc("db")).attached();
        h.request(new Request.Start(List.of(), false, 0));
        h.bringUp();
        return h;
    }

    @Test
    void theDaemonIsToldWhatToWatchAtStart() {
        Harness h = new Harness(api(), svc("db"));
        assertEquals(List.of(new Effect.WatchPaths(Map.of("api", SRC))), h.lastOf(Effect.WatchPaths.class));
    }

    @Test
    void WT_1_aBurstOfChangesRestartsOnceWhenItIsOver() {
        Harness h = running();
        for (int i = 0; i < 20; i++) {
            h.advance(Duration.ofMillis(50));
            h.step(new Event.PathChanged("api", "src/file" + i + ".py"));
            assertEquals(List.of(new Effect.ScheduleTimer(KEY, DEBOUNCE)), h.last, "each change restarts the timer");
            assertEquals(ServiceStatus.RUNNING, h.status("api"));
        }
        h.advance(DEBOUNCE);
        h.step(new Event.TimerFired(KEY));
        assertEquals(List.of("api"), h.signalledNames());
        assertEquals(ServiceStatus.STOPPING, h.status("api"));
        assertEquals("restarting: a watched file changed", h.service("api").message());
        h.exitSignalled();
        assertEquals(List.of("api"), h.spawnedNames());
        h.spawned("api");
        assertEquals(ServiceStatus.RUNNING, h.status("api"));
        assertEquals(0, h.service("api").restarts());

    }

    @Test
    void aStoppedServiceIsNotStartedByAChange() {
        Harness h = running();
        h.request(new Request.Stop(List.of("api"), false));
        h.stopAll();
        assertEquals(List.of(), h.step(new Event.PathChanged("api", "src/a.py")));
        assertEquals(ServiceStatus.STOPPED, h.status("api"));
    }

    @Test
    void aFailedServiceIsStartedAgainAfterAChange() {
        Harness h = running();
        h.exit("api", 1);
        assertEquals(ServiceStatus.FAILED, h.status("api"));
        h.step(new Event.PathChanged("api", "src/a.py"));
        h.step(new Event.TimerFired(KEY));
        assertEquals(List.of("api"), h.spawnedNames());
    }

    @Test
    void aServiceNeverStartedStaysSo() {
        Harness h = new Harness(api()).attached();
        assertEquals(List.of(), h.step(new Event.PathChanged("api", "src/a.py")));
        assertEquals(List.of(), h.step(new Event.TimerFired(KEY)));
        assertEquals(ServiceStatus.NOT_STARTED, h.status("api"));
    }

    @Test
    void aChangeForAServiceWithoutAWatchIsIgnored() {
        Harness h = running();
        assertEquals(List.of(), h.step(new Event.PathChanged("db", "src/a.py")));
    }

    @Test
    void aReloadThatChangesTheWatchesTellsTheDaemon() {
        Harness h = running();
        PathWatch other = new PathWatch(List.of("lib/**"), List.of("**/*.tmp"), DEBOUNCE);
        h.step(new Event.ManifestLoaded(-1, Harness.manifest(api().toBuilder().watch(Optional.of(other)).build(),
                svc("db")), Environments.NONE));
        assertEquals(List.of(new Effect.WatchPaths(Map.of("api", other))), h.lastOf(Effect.WatchPaths.class));
        h.step(new Event.ManifestLoaded(-1, h.state.manifest(), Environments.NONE));
        assertEquals(List.of(), h.lastOf(Effect.WatchPaths.class), "an unchanged manifest changes no watch");
    }
}

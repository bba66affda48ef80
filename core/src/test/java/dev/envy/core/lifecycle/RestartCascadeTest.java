package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Condition;
import dev.envy.core.manifest.Restart;
import dev.envy.core.manifest.RestartPolicy;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.protocol.Request;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static dev.envy.core.lifecycle.Harness.svc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RS-9: {@code depends-on = { api = { condition = "ready", restart = true } }}. Whatever restarts api, web is stopped
 * first and started again once api is ready; without {@code restart = true} web is left alone.
 */
class RestartCascadeTest {

    private static final ServiceSpec API = Harness.checked(svc("api")).toBuilder()
            .restart(new Restart(RestartPolicy.ON_FAILURE, Duration.ofSeconds(1), 5)).build();

    private static ServiceSpec web(boolean cascade) {
        return svc("web", Map.of("api", Condition.READY)).toBuilder()
                .restartsWith(cascade ? Set.of("api") : Set.of()).build();
    }

    /** How api is made to restart. */
    enum Cause {
        REQUEST(h -> {
            h.request(new Request.Restart(List.of("api"), false, false, 0));
        }),
        CRASH(h -> h.exit("api", 1)),
        RELOAD(h -> {
            var m = h.state.manifest();
            var services = new java.util.LinkedHashMap<>(m.services());
            services.put("api", API.toBuilder().command("run-api --new").build());
            var next = new dev.envy.core.manifest.Manifest(m.file(), m.version(), m.vars(), m.hook(), m.profile(),
                    m.autoStart(), m.options(), services);
            long id = h.requestOnly(new Request.Reload());
            h.step(new Event.ManifestLoaded(id, next, h.state.environments()));
        });

        final Consumer<Harness> restart;

        Cause(Consumer<Harness> restart) {
            this.restart = restart;
        }
    }

    @ParameterizedTest
    @EnumSource(Cause.class)
    void aDependentIsStoppedFirstAndStartedOnceApiIsReady(Cause cause) {
        Harness h = new Harness(API, web(true)).attached();
        h.request(new Request.Start(List.of(), false, 0));
        h.bringUp();
        long webPid = h.pid("web");
        long apiGeneration = h.service("api").generation();

        cause.restart.accept(h);
        if (cause != Cause.CRASH) {
            // web goes down before api: only web is signalled until its process is gone
            assertEquals(List.of("web"), h.signalledNames());
            assertEquals(ServiceStatus.STOPPING, h.status("api"));
            if (cause == Cause.REQUEST) {
                assertEquals("restarting: api restarted", h.service("web").message());
            }
            h.exitSignalled();
            assertEquals(List.of("api"), h.signalledNames());
            h.exitSignalled();
        } else {
            assertEquals(List.of("web"), h.signalledNames());
            assertEquals(ServiceStatus.BACKOFF, h.status("api"));
            h.exitSignalled();
            fireBackoff(h);
        }
        // api is spawned again; web waits until api is ready
        assertEquals(List.of("api"), h.spawnedNames());
        assertEquals(ServiceStatus.WAITING, h.status("web"));
        h.spawned("api");
        assertEquals(ServiceStatus.WAITING, h.status("web"));
        h.step(new Event.ProbePassed("api", h.pid("api")));
        assertEquals(List.of("web"), h.spawnedNames());
        h.spawned("web");
        h.settle();
        assertEquals(ServiceStatus.RUNNING, h.status("web"));
        assertNotEquals(webPid, h.pid("web"));
        assertTrue(h.service("api").generation() > apiGeneration);
    }

    private static void fireBackoff(Harness h) {
        h.advance(Duration.ofSeconds(1));
        h.step(new Event.TimerFired(new TimerKey(TimerKey.Kind.BACKOFF, "api", h.service("api").generation())));
    }

    /** RS-9: the restart of api streams web's progress too, and answers once web is back, naming it. */
    @Test
    void RS_9_aRestartShowsAndAwaitsTheDependentsItRestarts() {
        Harness h = new Harness(API, web(true), svc("other")).attached();
        h.request(new Request.Start(List.of(), false, 0));
        h.bringUp();
        long id = h.request(new Request.Restart(List.of("api"), false, true, 0));
        h.exitSignalled();
        h.exitSignalled();
        h.spawned("api");
        h.step(new Event.ProbePassed("api", h.pid("api")));
        h.settle();
        assertTrue(h.replyTo(id).isEmpty(), "api is ready, but web is not back yet");
        h.spawned("web");
        h.settle();

        List<String> progress = h.all.stream().filter(e -> e instanceof Effect.Stream s && s.requestId() == id)
                .map(e -> (dev.envy.core.protocol.Response.Progress) ((Effect.Stream) e).response())
                .map(p -> p.service() + ": " + p.status() + (p.detail().isEmpty() ? "" : " (" + p.detail() + ")"))
                .toList();
        assertEquals(List.of("web: stopping (restarting: api restarted)", "api: stopping",
                "web: waiting (for api (ready))", "api: starting (waiting up to 60s for localhost:5432"
                        + " to accept connections)", "api: running (ready)", "web: starting", "web: running"),
                progress.stream().distinct().toList());
        var result = h.resultOf(id);
        assertEquals(0, result.exitCode());
        assertEquals(List.of("api", "web"), result.services().stream().map(v -> v.name()).toList());
    }

    @Test
    void withoutRestartTrueACrashLeavesTheDependentRunning() {
        Harness h = new Harness(API, web(false)).attached();
        h.request(new Request.Start(List.of(), false, 0));
        h.bringUp();
        long webPid = h.pid("web");
        Cause.CRASH.restart.accept(h);
        fireBackoff(h);
        h.spawned("api");
        h.step(new Event.ProbePassed("api", h.pid("api")));
        assertEquals(ServiceStatus.RUNNING, h.status("web"));
        assertEquals(webPid, h.pid("web"));
        assertEquals(List.of(), h.signalledNames());
    }

    @Test
    void aTeardownDoesNotCascade() {
        Harness h = new Harness(API, web(true)).attached();
        h.request(new Request.Start(List.of(), false, 0));
        h.bringUp();
        h.request(new Request.Down());
        h.stopAll();
        assertEquals(ServiceStatus.STOPPED, h.status("web"));
        assertEquals(ServiceStatus.STOPPED, h.status("api"));
    }

    @Test
    void aDependentThatIsNotRunningIsNotStarted() {
        Harness h = new Harness(API, web(true).toBuilder().autostart(false).build()).attached();
        h.request(new Request.Start(List.of("api"), false, 0));
        h.bringUp();
        Cause.REQUEST.restart.accept(h);
        h.exitSignalled();
        h.spawned("api");
        h.step(new Event.ProbePassed("api", h.pid("api")));
        assertEquals(ServiceStatus.NOT_STARTED, h.status("web"));
    }
}

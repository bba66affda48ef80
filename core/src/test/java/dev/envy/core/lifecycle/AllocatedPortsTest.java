package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.Readiness;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.protocol.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.envy.core.lifecycle.Harness.svc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PT-1: which port each service gets, decided by the supervisor alone. The machine's answer ("another process
 * listens there") is injected as {@link Event.PortTaken}, the daemon's report of what it found before spawning.
 */
class AllocatedPortsTest {

    private static ServiceSpec web(String name, int base, String... deps) {
        return svc(name, deps).toBuilder().ports(Map.of("http", base)).build();
    }

    private static Harness harness(boolean strict, ServiceSpec... specs) {
        Manifest m = Harness.manifest(specs);
        Manifest.Options o = m.options();
        return new Harness(new Manifest(Path.of("envy.toml"), 1, Map.of(), Manifest.Hook.NONE, Manifest.Profile.NONE,
                true, new Manifest.Options(o.systems(), o.autoReload(), o.logMaxSize(), o.logKeep(),
                o.daemonLogFormat(), strict), m.services())).attached();
    }

    private static Map<String, Integer> spawnedPorts(Harness h, String service) {
        return Harness.of(h.last, Effect.Spawn.class).stream().filter(s -> s.service().equals(service))
                .reduce((a, b) -> b).orElseThrow().ports();
    }

    /**
     * Table: ports found taken by other processes (in the order the daemon reports them) → the port the service
     * is finally spawned with, from base 8000.
     */
    @ParameterizedTest(name = "taken {0} -> {1}")
    @CsvSource({
            "'', 8000",
            "8000, 8001",
            "8000 8001 8002, 8003",
    })
    void theFirstFreePortAtOrAboveTheBase(String taken, int expected) {
        Harness h = harness(false, web("web", 8000));
        h.request(new Request.Start(List.of("web"), false, 0));
        for (String port : taken.isBlank() ? new String[0] : taken.split(" ")) {
            int p = Integer.parseInt(port);
            assertEquals(Map.of("http", p), spawnedPorts(h, "web"));
            h.step(new Event.PortTaken("web", "http", p, "port " + p + " is already in use by pid 4 (nc)"));
        }
        assertEquals(Map.of("http", expected), spawnedPorts(h, "web"));
        assertEquals(String.valueOf(expected), h.lastOf(Effect.Spawn.class).getLast().environment().get("PORT_HTTP"));
        h.spawned("web");
        assertEquals(ServiceStatus.RUNNING, h.status("web"));
        assertEquals(Map.of("http", expected), h.service("web").view().ports());
    }

    @Test
    void twoServicesOnOneBaseNeverGetTheSamePort() {
        Harness h = harness(false, web("a", 8000), web("b", 8000), web("c", 8000));
        h.request(new Request.Start(List.of(), false, 0));
        Set<Integer> given = Harness.of(h.last, Effect.Spawn.class).stream()
                .map(s -> s.ports().get("http")).collect(Collectors.toSet());
        assertEquals(Set.of(8000, 8001, 8002), given);
        // a squatter on 8001: b moves past every port another service holds
        h.step(new Event.PortTaken("b", "http", 8001, "port 8001 is already in use"));
        assertEquals(Map.of("http", 8003), spawnedPorts(h, "b"));
    }

    @Test
    void theServiceSeesPortNameAndOthersSeeServicePortName() {
        ServiceSpec api = web("api", 9000);
        ServiceSpec front = svc("front-end", "api").toBuilder().vars(Map.of("API", "x")).build();
        Harness h = new Harness(new Manifest(Path.of("envy.toml"), 1, Map.of(), Manifest.Hook.NONE,
                Manifest.Profile.NONE, true, Manifest.Options.DEFAULTS, Map.of("api", api, "front-end", front)),
                Orphans.NONE).attached();
        h.request(new Request.Start(List.of(), false, 0));
        assertEquals("9000", Harness.of(h.last, Effect.Spawn.class).getFirst().environment().get("PORT_HTTP"));
        h.spawned("api");
        Effect.Spawn f = Harness.of(h.last, Effect.Spawn.class).getFirst();
        assertEquals("front-end", f.service());
        assertEquals("9000", f.environment().get("API_PORT_HTTP"));
        assertFalse(f.environment().containsKey("PORT_HTTP"));
    }

    @Test
    void portReferencesInVarsAndReadinessAreResolvedAtSpawn() {
        ServiceSpec api = web("api", 9000).toBuilder()
                .readiness(Readiness.of(new Readiness.Pending("http", "http://127.0.0.1:${PORT_HTTP}/health")))
                .build();
        Map<String, String> env = new LinkedHashMap<>(Map.of("URL", "http://127.0.0.1:${PORT_HTTP}/",
                "PROMPT", "${NOT_A_PORT}"));
        Harness h = new Harness(new Manifest(Path.of("envy.toml"), 1, Map.of(), Manifest.Hook.NONE,
                Manifest.Profile.NONE, true, Manifest.Options.DEFAULTS, Map.of("api", api)), Orphans.NONE);
        h.state = new SupervisorState(h.state.manifest(), new Environments(Map.of(), Map.of("api", env)),
                h.state.services(), h.state.activations(), h.state.hold(), h.state.phase(), h.state.waits(),
                h.state.nextGeneration(), h.state.runDeactivateHook(), h.state.recovering(), h.state.notes(),
                h.state.pending());
        h.attached();
        h.request(new Request.Start(List.of("api"), false, 0));
        h.step(new Event.PortTaken("api", "http", 9000, "port 9000 is already in use"));
        Effect.Spawn s = Harness.of(h.last, Effect.Spawn.class).getFirst();
        assertEquals("http://127.0.0.1:9001/", s.environment().get("URL"));
        assertEquals("${NOT_A_PORT}", s.environment().get("PROMPT"));
        long pid = h.spawned("api");
        Effect.StartProbe probe = h.lastOf(Effect.StartProbe.class).getFirst();
        assertEquals(pid, probe.pid());
        assertEquals(new Readiness.HttpCheck(URI.create("http://127.0.0.1:9001/health")), probe.readiness().check());
        assertEquals(List.of(), s.mustBeFree());
    }

    /** PT-1: the progress a start streams names the port the service got, never one found taken before it. */
    @Test
    void PT_1_progressNamesThePortActuallyUsed() {
        ServiceSpec api = web("api", 9000).toBuilder()
                .readiness(Readiness.of(new Readiness.Pending("http", "http://127.0.0.1:${PORT_HTTP}/health")))
                .build();
        Harness h = harness(false, api);
        long id = h.request(new Request.Start(List.of("api"), true, 0));
        h.step(new Event.PortTaken("api", "http", 9000, "port 9000 is already in use"));
        h.spawned("api");
        h.step(new Event.ProbePassed("api", h.pid("api")));

        List<String> progress = h.all.stream().filter(e -> e instanceof Effect.Stream s && s.requestId() == id)
                .map(e -> (dev.envy.core.protocol.Response.Progress) ((Effect.Stream) e).response())
                .map(p -> p.service() + ": " + p.status() + " (" + p.detail() + ")").toList();
        assertEquals(List.of("api: starting (waiting up to 60s for http://127.0.0.1:9001/health to answer)",
                "api: running (ready, http=9001)"), progress);
    }

    @Test
    void aRestartKeepsItsPortWhenItIsFree() {
        Harness h = harness(false, web("web", 8000));
        h.request(new Request.Start(List.of("web"), false, 0));
        h.step(new Event.PortTaken("web", "http", 8000, "port 8000 is already in use"));
        h.bringUp();
        assertEquals(Map.of("http", 8001), h.service("web").ports());
        h.request(new Request.Restart(List.of("web"), false, false, 0));
        h.exitSignalled();
        assertEquals(Map.of("http", 8001), spawnedPorts(h, "web")); // not back to 8000, though it may be free now
    }

    @Test
    void aStoppedServicesPortIsFreeForOthers() {
        Harness h = harness(false, web("a", 8000), web("b", 8000).toBuilder().autostart(false).build());
        h.request(new Request.Start(List.of("a"), false, 0));
        h.bringUp();
        h.request(new Request.Stop(List.of("a"), false));
        h.exitSignalled();
        h.request(new Request.Start(List.of("b"), false, 0));
        assertEquals(Map.of("http", 8000), spawnedPorts(h, "b"));
        assertEquals(Map.of(), h.service("a").view().ports());
    }

    @Test
    void strictPortsFailsTheStartNamingTheHolder() {
        Harness h = harness(true, web("web", 8000), svc("worker", "web"));
        long request = h.request(new Request.Start(List.of("worker"), true, 0));
        h.step(new Event.PortTaken("web", "http", 8000, "port 8000 is already in use by pid 1234 (python3)"));
        assertEquals(ServiceStatus.FAILED, h.status("web"));
        assertEquals("could not start: port 8000 is already in use by pid 1234 (python3) (ports.http), and "
                + "strict-ports is on", h.service("web").message());
        assertEquals(ServiceStatus.BLOCKED, h.status("worker"));
        assertTrue(h.resultOf(request).exitCode() != 0);
    }

    @Test
    void strictPortsFailsWhenAnotherServiceHoldsTheBase() {
        Harness h = harness(true, web("a", 8000), web("b", 8000));
        h.request(new Request.Start(List.of(), false, 0));
        List<String> failed = Arrays.stream(new String[] {"a", "b"})
                .filter(n -> h.status(n) == ServiceStatus.FAILED).toList();
        assertEquals(1, failed.size());
        assertTrue(h.service(failed.getFirst()).message().startsWith("could not start: port 8000 (ports.http) is "
                + "allocated to "), h.service(failed.getFirst()).message());
    }

    @Test
    void aServiceGivesUpAfterOneHundredTakenPorts() {
        Harness h = harness(false, web("web", 8000));
        h.request(new Request.Start(List.of("web"), false, 0));
        for (int p = 8000; h.status("web") != ServiceStatus.FAILED; p++) {
            h.step(new Event.PortTaken("web", "http", p, "port " + p + " is already in use"));
        }
        assertEquals("could not start: 100 ports in a row were taken, the last: port 8099 is already in use "
                + "(ports.http)", h.service("web").message());
    }

    @Test
    void aStaleReportChangesNothing() {
        Harness h = harness(false, web("web", 8000));
        h.request(new Request.Start(List.of("web"), false, 0));
        h.spawned("web");
        SupervisorState before = h.state;
        h.step(new Event.PortTaken("web", "http", 8000, "late"));
        assertEquals(before, h.state);
        assertEquals(List.of(), h.last);
    }
}

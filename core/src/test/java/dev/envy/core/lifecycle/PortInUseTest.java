package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Readiness;
import dev.envy.core.protocol.Request;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

import static dev.envy.core.lifecycle.Harness.svc;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** ST-11: which ports must be free when a service is spawned, and what a held one makes of the start. */
class PortInUseTest {

    private static List<Integer> mustBeFree(Readiness.Check check) {
        Harness h = new Harness(svc("web").toBuilder().readiness(Readiness.of(check)).build()).attached();
        h.request(new Request.Start(List.of("web"), true, 0));
        return h.lastOf(Effect.Spawn.class).getFirst().mustBeFree();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "http://127.0.0.1:18080/health, 18080",
            "http://localhost/, 80",
            "https://localhost/, 443",
            "http://[::1]:3000/, 3000",
            "http://0.0.0.0:3000/, 3000",
            "http://example.com:3000/, -1",
    })
    void anHttpCheckOnThisMachineNamesItsPort(String url, int port) {
        assertEquals(port < 0 ? List.of() : List.of(port), mustBeFree(new Readiness.HttpCheck(URI.create(url))));
    }

    @Test
    void aTcpCheckOnThisMachineNamesItsPort() {
        assertEquals(List.of(5432), mustBeFree(new Readiness.TcpCheck("127.0.0.1", 5432)));
        assertEquals(List.of(), mustBeFree(new Readiness.TcpCheck("db.internal", 5432)));
    }

    @Test
    void otherChecksNameNone() {
        assertEquals(List.of(), mustBeFree(new Readiness.CommandCheck("true")));
        assertEquals(List.of(), mustBeFree(new Readiness.LogCheck(Pattern.compile("up"))));
        assertEquals(List.of(), mustBeFree(new Readiness.NotifyCheck()));
    }

    @Test
    void aHeldPortFailsTheStartAndBlocksWhatWaitsForIt() {
        Harness h = new Harness(Harness.checked(svc("db")), svc("web", "db")).attached();
        long request = h.request(new Request.Start(List.of("web"), true, 0));
        h.step(new Event.SpawnFailed("db", "port 5432 is already in use by pid 1234 (postgres)"));

        assertEquals(ServiceStatus.FAILED, h.status("db"));
        assertEquals(ServiceStatus.BLOCKED, h.status("web"));
        assertEquals("could not start: port 5432 is already in use by pid 1234 (postgres)", h.service("db").message());
        assertEquals(List.of("web: blocked: dependency db failed"), h.resultOf(request).errors());
    }
}

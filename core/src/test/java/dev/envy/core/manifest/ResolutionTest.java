package dev.envy.core.manifest;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** {@code ${NAME}} in working-dir and readiness.http/.tcp: accepted as written, resolved with each service's environment. */
class ResolutionTest {

    private static Manifest loaded(String toml) {
        return ManifestLoaderTest.loaded(toml);
    }

    @Test
    void aCheckThatNamesVariablesIsKeptAsWrittenUntilApplied() {
        Manifest m = loaded("""
                [services.web]
                command = "serve"
                readiness.http = "${APP_URL}/health"
                [services.db]
                command = "db"
                readiness.tcp = "127.0.0.1:${PGPORT}"
                """);
        assertEquals(new Readiness.Pending("http", "${APP_URL}/health"),
                m.services().get("web").readiness().orElseThrow().check());
        assertEquals(new Readiness.Pending("tcp", "127.0.0.1:${PGPORT}"),
                m.services().get("db").readiness().orElseThrow().check());
    }

    @Test
    void eachServiceResolvesWithItsOwnEnvironment() {
        Manifest m = loaded("""
                [services.web]
                command = "serve"
                working-dir = "apps/${APP}"
                readiness.http = "${APP_URL}/health"
                readiness.timeout = "5s"
                [services.db]
                command = "db"
                readiness.tcp = "127.0.0.1:${PGPORT}"
                """);

        Resolution r = Resolution.of(m, Map.of("web", Map.of("APP_URL", "http://127.0.0.1:3000", "APP", "shop"),
                "db", Map.of("PGPORT", "15432")));

        assertEquals(List.of(), r.errors());
        ServiceSpec web = r.manifest().services().get("web");
        assertEquals("apps/shop", web.workingDir());
        assertEquals(new Readiness.HttpCheck(URI.create("http://127.0.0.1:3000/health")), web.readiness().get().check());
        assertEquals(java.time.Duration.ofSeconds(5), web.readiness().get().timeout());
        assertEquals(new Readiness.TcpCheck("127.0.0.1", 15432),
                r.manifest().services().get("db").readiness().get().check());
    }

    @Test
    void aValueThatIsNoURLOnceResolvedIsAnErrorNamingWhatItBecame() {
        Manifest m = loaded("""
                [services.web]
                command = "serve"
                readiness.http = "${APP_URL}/health"
                """);

        Resolution r = Resolution.of(m, Map.of("web", Map.of()));

        assertEquals(List.of("service 'web': readiness.http '${APP_URL}/health' must be an http:// or https:// URL"
                + " once resolved, not '/health'"), r.errors());
    }

    /** RD-3, PT-1: a pending liveness check is resolved by the same rule as a pending readiness check. */
    @Test
    void readinessAndLivenessResolveNowOrAtTheSpawnWhenTheyNameAPort() {
        Manifest m = loaded("""
                [services.api]
                command = "serve"
                ports.http = 8080
                readiness.tcp = "127.0.0.1:${PORT_HTTP}"
                liveness.http = "${APP_URL}/health"
                liveness.period = "7s"
                [services.web]
                command = "serve"
                ports.http = 9090
                readiness.http = "${APP_URL}/ready"
                liveness.tcp = "127.0.0.1:${PORT_HTTP}"
                """);

        Resolution r = Resolution.of(m, Map.of("api", Map.of("APP_URL", "http://127.0.0.1:1"),
                "web", Map.of("APP_URL", "http://127.0.0.1:2")));

        assertEquals(List.of(), r.errors());
        ServiceSpec api = r.manifest().services().get("api");
        ServiceSpec web = r.manifest().services().get("web");
        assertEquals(new Readiness.Pending("tcp", "127.0.0.1:${PORT_HTTP}"), api.readiness().orElseThrow().check());
        assertEquals(new Readiness.HttpCheck(URI.create("http://127.0.0.1:1/health")), api.liveness().orElseThrow().check());
        assertEquals(java.time.Duration.ofSeconds(7), api.liveness().orElseThrow().period());
        assertEquals(new Readiness.HttpCheck(URI.create("http://127.0.0.1:2/ready")), web.readiness().orElseThrow().check());
        assertEquals(new Readiness.Pending("tcp", "127.0.0.1:${PORT_HTTP}"), web.liveness().orElseThrow().check());

        List<String> errors = new java.util.ArrayList<>();
        ServiceSpec spawned = Resolution.atSpawn(web, Map.of("PORT_HTTP", "9091"), errors);
        assertEquals(List.of(), errors);
        assertEquals(new Readiness.TcpCheck("127.0.0.1", 9091), spawned.liveness().orElseThrow().check());
        ServiceSpec broken = Resolution.atSpawn(web, Map.of("PORT_HTTP", "x"), errors);
        assertSame(web, broken);
        assertEquals(List.of("service 'web': liveness.tcp '127.0.0.1:${PORT_HTTP}' must be host:port once resolved,"
                + " not '127.0.0.1:x'"), errors);
    }

    @Test
    void aManifestWithoutReferencesIsReturnedAsItIs() {
        Manifest m = loaded("""
                [services.web]
                command = "serve $PORT"
                readiness.http = "http://127.0.0.1:3000/"
                """);
        assertSame(m, Resolution.of(m, Map.of("web", Map.of("PORT", "1"))).manifest());
    }
}

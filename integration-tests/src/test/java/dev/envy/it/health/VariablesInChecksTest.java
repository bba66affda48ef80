package dev.envy.it.health;

import dev.envy.it.support.Projects;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ${NAME}} in readiness.http/.tcp and working-dir, resolved like [vars]: the port is written once. */
class VariablesInChecksTest {
    @RegisterExtension
    final Projects projects = new Projects();

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void variablesResolveInReadinessChecksAndWorkingDir() throws Exception {
        TestProject p = projects.withManifest("""
                version = 1
                [vars]
                WEB_PORT = "%d"
                APP_URL = "http://127.0.0.1:${WEB_PORT}"
                SITE = "site"

                [services.web]
                command = 'pwd >> "$RECORD"; exec python3 -m http.server "$WEB_PORT" --bind 127.0.0.1'
                working-dir = "${SITE}"
                readiness.http = "${APP_URL}/"

                [services.tcp]
                command = 'exec python3 -m http.server "$PORT" --bind 127.0.0.1'
                vars = { PORT = "%d" }
                readiness.tcp = "127.0.0.1:${PORT}"
                """.formatted(freePort(), freePort()));
        p.writeFile("site/index.html", "hello");

        Run up = p.run("up", "-d").assertOk();

        assertTrue(up.stdout().contains("web: running (ready)") || up.stderr().contains("web: running (ready)"),
                up.toString());
        assertEquals(p.dir().resolve("site").toRealPath().toString(), p.records().getFirst());
    }

    @Test
    void aCheckThatIsNoURLOnceResolvedIsRejectedWithWhatItBecame() {
        TestProject p = projects.withManifest("""
                version = 1
                [services.web]
                command = "exec sleep 100"
                readiness.http = "${NOT_SET}/health"
                """);

        Run up = p.run("up", "-d");

        assertTrue(up.exitCode() != 0, up.toString());
        assertTrue(up.toString().contains("readiness.http '${NOT_SET}/health' must be an http:// or https:// URL once"
                + " resolved, not '/health'"), up.toString());
    }
}

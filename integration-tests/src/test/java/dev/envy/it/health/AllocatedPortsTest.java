package dev.envy.it.health;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import dev.envy.it.support.Projects;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PT-1, PT-2, PT-3: ports allocated from a base, with a real squatter (a socket this test listens on) on the base, and
 * RS-9: a restart cascade between real processes.
 */
class AllocatedPortsTest {
    @RegisterExtension
    final Projects projects = new Projects();

    /** A socket this test listens on, at a port with the next few free (as far as one can tell). */
    private static ServerSocket squatter() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            ServerSocket s = new ServerSocket();
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int base = s.getLocalPort();
            if (base < 65000 && free(base + 1) && free(base + 2) && free(base + 3)) {
                return s;
            }
            s.close();
        }
        throw new IllegalStateException("no port with free neighbours");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String server(String name) {
        return "echo \"" + name + " $PORT_HTTP\" >> \"$RECORD\"; exec python3 -m http.server $PORT_HTTP --bind 127.0.0.1";
    }

    private static Map<String, Integer> ports(TestProject p) {
        Run status = p.run("services", "status", "--json").assertOk();
        Map<String, Integer> out = new HashMap<>();
        for (JsonValue v : Json.parse(status.stdout()).asObject().get("services").asArray()) {
            JsonObject s = v.asObject();
            JsonValue http = s.get("ports").asObject().get("http");
            if (http != null) {
                out.put(s.get("name").asString(), http.asInt());
            }
        }
        return out;
    }

    @Test
    void PT_1_aTakenBaseMovesOnAndTwoServicesOnOneBaseGetDifferentPorts() throws Exception {
        try (ServerSocket squatter = squatter()) {
            int base = squatter.getLocalPort();
            TestProject p = projects.withManifest("""
                    version = 1
                    [services.web]
                    command = '%s'
                    ports.http = %d
                    readiness.http = "http://127.0.0.1:${PORT_HTTP}/"
                    [services.docs]
                    command = '%s'
                    ports.http = %d
                    readiness.http = "http://127.0.0.1:${PORT_HTTP}/"
                    """.formatted(server("web"), base, server("docs"), base));

            p.run("up", "-d").assertOk();

            Map<String, Integer> ports = ports(p);
            assertEquals(2, ports.size(), ports.toString());
            assertNotEquals(ports.get("web"), ports.get("docs"));
            for (int port : ports.values()) {
                assertTrue(port > base && port <= base + 3, ports + " from base " + base);
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    assertTrue(s.isConnected());
                }
            }
            assertTrue(p.records().contains("web " + ports.get("web")), p.records().toString());
            assertTrue(p.records().contains("docs " + ports.get("docs")), p.records().toString());
            Run table = p.run("services", "status").assertOk();
            assertTrue(table.stdoutLines().getFirst().endsWith("PORTS"), table.toString());
            assertTrue(table.stdout().contains("http=" + ports.get("web")), table.toString());
        }
    }

    /** PT-1: what up -d and a restart print names the port the service got, never the base that was taken. */
    @Test
    void PT_1_progressShowsThePortActuallyUsedWhenTheBaseWasTaken() throws Exception {
        try (ServerSocket squatter = squatter()) {
            int base = squatter.getLocalPort();
            int used = base + 1;
            TestProject p = projects.withManifest("""
                    version = 1
                    [services.web]
                    command = '%s'
                    ports.http = %d
                    readiness.http = "http://127.0.0.1:${PORT_HTTP}/"
                    """.formatted(server("web"), base));

            Run up = p.run("up", "-d").assertOk();
            Run restart = p.run("services", "restart", "web").assertOk();

            for (Run run : List.of(up, restart)) {
                assertTrue(run.stdoutLines().contains("web: starting (waiting up to 60s for http://127.0.0.1:" + used
                        + "/ to answer)"), run.toString());
                assertEquals("web: running (ready, http=" + used + ")", run.stdoutLines().getLast(), run.toString());
                assertTrue(!run.stdout().contains(Integer.toString(base)), "the taken base is never shown: " + run);
            }
            assertEquals(Map.of("web", used), ports(p));
        }
    }

    @Test
    void PT_2_otherServicesAndAnActivatedShellSeeTheServicePort() throws Exception {
        try (ServerSocket squatter = squatter()) {
            int base = squatter.getLocalPort();
            TestProject p = projects.withManifest("""
                    version = 1
                    [services.api-v2]
                    command = '%s'
                    ports.http = %d
                    readiness.tcp = "127.0.0.1:${PORT_HTTP}"
                    [services.client]
                    command = 'echo "client $API_V2_PORT_HTTP $API_URL" >> "$RECORD"; exec sleep 300'
                    vars = { API_URL = "http://127.0.0.1:${API_V2_PORT_HTTP}/" }
                    depends-on = ["api-v2"]
                    """.formatted(server("api"), base));

            Run shell = p.run("activate", "-s", "--", "bash", "-c", "echo \"shell sees $API_V2_PORT_HTTP\"");

            assertEquals(0, shell.exitCode(), shell.toString());
            int port = base + 1; // the services stopped with the command's activation: its output and records remain
            assertTrue(shell.stdout().contains("shell sees " + port), shell.toString());
            p.awaitRecord("client " + port + " http://127.0.0.1:" + port + "/", Duration.ofSeconds(10));
        }
    }

    @Test
    void PT_3_strictPortsFailsTheStartNamingTheHolder() throws Exception {
        try (ServerSocket squatter = squatter()) {
            int base = squatter.getLocalPort();
            TestProject p = projects.withManifest("""
                    version = 1
                    [options]
                    strict-ports = true
                    [services.web]
                    command = '%s'
                    ports.http = %d
                    """.formatted(server("web"), base));

            Run up = p.run("up", "-d");

            assertEquals(1, up.exitCode(), up.toString());
            assertTrue(up.stderr().contains("port " + base + " is already in use by pid " + ProcessHandle.current().pid()
                    + " (java) (ports.http), and strict-ports is on"), up.toString());
            assertTrue(!java.nio.file.Files.exists(p.recordFile()) || p.records().isEmpty(), "web was never spawned");
        }
    }

    @Test
    void PT_1_theExampleServesOnItsAllocatedPorts() throws Exception {
        TestProject p = projects.copyOf("ports");
        p.run("up", "-d").assertOk();
        Map<String, Integer> ports = ports(p);
        assertEquals(3, ports.size(), ports.toString());
        assertNotEquals(ports.get("api"), ports.get("docs"));
        assertTrue(ports.get("web") >= 18310, ports.toString());
    }

    @Test
    void RS_9_aRestartOfTheDependencyStopsTheDependentFirstAndStartsItOnceReady() {
        TestProject p = projects.withManifest("""
                version = 1
                [services.api]
                command = 'echo "start api" >> "$RECORD"; trap "echo stop api >> \\"$RECORD\\"; exit 0" TERM; touch "$ENVY_PROJECT/api.ready"; while :; do sleep 0.05; done'
                readiness.command = 'test -f api.ready && rm api.ready'
                readiness.interval = "100ms"
                [services.web]
                command = 'echo "start web" >> "$RECORD"; trap "echo stop web >> \\"$RECORD\\"; exit 0" TERM; while :; do sleep 0.05; done'
                depends-on = { api = { condition = "ready", restart = true } }
                [services.plain]
                command = 'echo "start plain" >> "$RECORD"; trap "echo stop plain >> \\"$RECORD\\"; exit 0" TERM; while :; do sleep 0.05; done'
                depends-on = ["api"]
                """);
        p.run("up", "-d").assertOk();
        assertEquals("start api", p.records().getFirst(), p.records().toString());
        assertEquals(List.of("start api", "start plain", "start web"), p.records().stream().sorted().toList());

        p.run("services", "restart", "api").assertOk();
        p.run("services", "wait", "web").assertOk();

        List<String> after = p.records().subList(3, p.records().size());
        assertEquals(List.of("stop web", "stop api", "start api", "start web"), after, p.records().toString());
    }
}

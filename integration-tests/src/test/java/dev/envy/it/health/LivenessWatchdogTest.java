package dev.envy.it.health;

import dev.envy.it.support.Await;
import dev.envy.it.support.Projects;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;
import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RD-2 (an sd_notify client that stops pinging) and RD-3 (an HTTP endpoint that starts failing), for real. */
class LivenessWatchdogTest {
    @RegisterExtension
    final Projects projects = new Projects();

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    /** Answers /health with 200 until a file named {@code sick} exists in its directory, then 500. */
    static final String SERVER_PY = """
            import http.server, os, sys
            class H(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    self.send_response(500 if os.path.exists("sick") else 200)
                    self.end_headers()
                def log_message(self, *a):
                    pass
            with open(os.environ["RECORD"], "a") as f:
                f.write("start\\n")
            http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
            """;

    /** Records WATCHDOG_USEC, sends READY=1 and {@code PINGS} WATCHDOG=1 pings 200 ms apart, then hangs. */
    static final String PINGER_PY = """
            import os, socket, time
            def notify(message):
                addr = os.environ["NOTIFY_SOCKET"]
                if addr[0] == "@":
                    addr = "\\0" + addr[1:]
                with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
                    s.connect(addr)
                    s.sendall(message.encode())
            with open(os.environ["RECORD"], "a") as f:
                f.write("start usec=" + os.environ.get("WATCHDOG_USEC", "") + "\\n")
            notify("READY=1")
            for i in range(int(os.environ["PINGS"])):
                time.sleep(0.2)
                notify("WATCHDOG=1")
            time.sleep(1000)
            """;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static JsonObject statusOf(TestProject p, String name) {
        Run run = p.run("services", "status", "--json").assertOk();
        for (JsonValue v : Json.parse(run.stdout()).asObject().get("services").asArray()) {
            if (name.equals(v.asObject().getString("name", ""))) {
                return v.asObject();
            }
        }
        throw new AssertionError("no service " + name + " in " + run.stdout());
    }

    private static long starts(TestProject p) {
        return p.records().stream().filter(r -> r.startsWith("start")).count();
    }

    private TestProject server(String restart) throws Exception {
        int port = freePort();
        TestProject p = projects.withManifest("""
                version = 1
                [services.api]
                command = "exec python3 server.py %d"
                readiness.http = "http://127.0.0.1:%d/health"
                liveness.http = "http://127.0.0.1:%d/health"
                liveness.period = "200ms"
                liveness.failure-threshold = 2
                restart = "%s"
                restart-delay = "100ms"
                """.formatted(port, port, port, restart));
        p.writeFile("server.py", SERVER_PY);
        p.run("up", "-d").assertOk();
        return p;
    }

    @Test
    void RD_3_anEndpointThatStartsFailingIsRestartedByItsPolicy() throws Exception {
        TestProject p = server("on-failure");
        assertEquals(1, starts(p));
        p.writeFile("sick", "");

        Await.until("api to be restarted after its liveness check failed twice", DEADLINE, () -> starts(p) >= 2);
        Files.delete(p.dir().resolve("sick"));
        Await.until("api to be running and ready again", DEADLINE, () -> {
            JsonObject api = statusOf(p, "api");
            return "running".equals(api.getString("status", "")) && api.getBoolean("ready", false);
        });
        String log = Files.readString(p.dir().resolve(".envy/logs/daemon.log"));
        assertTrue(log.contains("api (pid") && log.contains("failed its liveness check"), log);
    }

    @Test
    void RD_3_withRestartNoItShowsUnhealthyWhyAndRecovers() throws Exception {
        TestProject p = server("no");
        p.writeFile("sick", "");

        Await.until("api to be unhealthy", DEADLINE, () -> "unhealthy".equals(statusOf(p, "api").getString("status", "")));
        JsonObject api = statusOf(p, "api");
        assertEquals(false, api.getBoolean("ready", true));
        assertTrue(api.getString("message", "").startsWith("unhealthy: liveness check failed"), api.toString());
        assertTrue(p.run("services", "status").assertOk().stdout().contains("unhealthy"));
        assertEquals(1, starts(p), "restart = \"no\": not restarted");

        Files.delete(p.dir().resolve("sick"));
        Await.until("api to be healthy again", DEADLINE, () -> {
            JsonObject now = statusOf(p, "api");
            return "running".equals(now.getString("status", "")) && now.getBoolean("ready", false);
        });
    }

    private TestProject pinger(String restart, int pings) {
        TestProject p = projects.withManifest("""
                version = 1
                [services.api]
                command = "python3 pinger.py; true"
                vars = { PINGS = "%d" }
                readiness.notify = true
                watchdog = "2s"
                restart = "%s"
                restart-delay = "100ms"
                """.formatted(pings, restart));
        p.writeFile("pinger.py", PINGER_PY);
        return p;
    }

    @Test
    void RD_2_aServiceThatStopsPingingIsKilledAndStatusSaysWhy() {
        TestProject p = pinger("no", 5);
        p.run("up", "-d").assertOk();
        assertEquals("start usec=2000000", p.records().getFirst());

        Await.until("api to fail by its watchdog", DEADLINE,
                () -> "failed".equals(statusOf(p, "api").getString("status", "")));
        assertEquals("watchdog timeout: no WATCHDOG=1 within 2s", statusOf(p, "api").getString("message", ""));
        assertEquals(1, starts(p));
        assertTrue(p.run("services", "status").assertOk().stdout().contains("watchdog timeout"));
    }

    @Test
    void RD_2_aWatchdogTimeoutIsHandledByTheRestartPolicy() {
        TestProject p = pinger("on-failure", 2);
        p.run("up", "-d").assertOk();

        Await.until("api to be restarted after its watchdog fired", DEADLINE, () -> starts(p) >= 2);
    }
}

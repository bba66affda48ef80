package dev.envy.it.health;

import dev.envy.it.support.Await;
import dev.envy.it.support.Projects;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;
import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RD-1: readiness by sd_notify, with Python's socket module and systemd's own systemd-notify as the clients. */
class NotifyReadinessTest {
    @RegisterExtension
    final Projects projects = new Projects();

    /** An sd_notify client in plain Python: records its pid, says it loads, then READY=1 with its MAINPID. */
    static final String NOTIFY_PY = """
            import os, socket, sys, time
            def notify(message):
                addr = os.environ["NOTIFY_SOCKET"]
                if addr[0] == "@":
                    addr = "\\0" + addr[1:]
                with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as s:
                    s.connect(addr)
                    s.sendall(message.encode())
            def record(line):
                with open(os.environ["RECORD"], "a") as f:
                    f.write(line + "\\n")
            record("pid " + str(os.getpid()))
            notify("STATUS=loading")
            time.sleep(0.5)
            record("api ready")
            notify("READY=1\\nSTATUS=serving requests\\nMAINPID=" + str(os.getpid()))
            time.sleep(1000)
            """;

    private static JsonObject statusOf(TestProject p, String name) {
        Run run = p.run("services", "status", "--json").assertOk();
        for (JsonValue v : Json.parse(run.stdout()).asObject().get("services").asArray()) {
            if (name.equals(v.asObject().getString("name", ""))) {
                return v.asObject();
            }
        }
        throw new AssertionError("no service " + name + " in " + run.stdout());
    }

    @Test
    void RD_1_readyOnTheNotifySocketMakesItReadyAndStartsItsDependents() {
        TestProject p = projects.withManifest("""
                version = 1
                [services.api]
                command = "python3 notify.py; true"
                readiness.notify = true

                [services.web]
                command = 'echo "start web" >> "$RECORD"; exec sleep 1000'
                depends-on = { api = "ready" }
                """);
        p.writeFile("notify.py", NOTIFY_PY);

        p.run("up", "-d").assertOk();

        List<String> records = p.records();
        assertTrue(records.indexOf("api ready") >= 0 && records.indexOf("api ready") < records.indexOf("start web"),
                "web starts only after api sent READY=1: " + records);
        JsonObject api = statusOf(p, "api");
        assertEquals("running", api.getString("status", ""));
        assertTrue(api.getBoolean("ready", false));
        assertEquals("serving requests", api.getString("statusText", ""));
        long pythonPid = Long.parseLong(records.stream().filter(r -> r.startsWith("pid ")).findFirst().orElseThrow()
                .substring(4));
        assertEquals(pythonPid, api.getLong("pid", -1), "status shows the MAINPID it sent");
        assertTrue(p.run("services", "status").assertOk().stdout().contains("api: serving requests"));
    }

    @Test
    void RD_1_theSupervisionExampleComesUpByNotify() {
        TestProject p = projects.copyOf("supervision");

        p.run("up", "-d").assertOk();

        JsonObject api = statusOf(p, "api");
        assertTrue(api.getBoolean("ready", false), api.toString());
        assertEquals("serving", api.getString("statusText", ""));
        assertEquals("running", statusOf(p, "web").getString("status", ""));
    }

    @Test
    void RD_1_systemdNotifyWorksUnchanged() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-notify")), "systemd-notify is installed");
        TestProject p = projects.withManifest("""
                version = 1
                [services.api]
                command = 'sleep 0.3; systemd-notify --ready --status="up and running"; exec sleep 1000'
                readiness.notify = true
                """);

        p.run("up", "-d").assertOk();

        JsonObject api = statusOf(p, "api");
        assertTrue(api.getBoolean("ready", false), api.toString());
        assertEquals("up and running", api.getString("statusText", ""));
    }

    @Test
    void RD_1_noReadyWithinReadinessTimeoutFailsTheStart() {
        TestProject p = projects.withManifest("""
                version = 1
                [services.api]
                command = "exec sleep 1000"
                readiness.notify = true
                readiness.timeout = "1s"
                """);

        Run up = p.run("up", "-d");

        assertEquals(1, up.exitCode(), up.toString());
        assertTrue(up.stderr().contains("api: sent no READY=1 within 1s"), up.toString());
        Await.until("api to be failed", Duration.ofSeconds(30),
                () -> "failed".equals(statusOf(p, "api").getString("status", "")));
    }
}

package dev.envy.it.hardening;

import dev.envy.core.protocol.Protocol;
import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import dev.envy.it.support.Await;
import dev.envy.it.support.Projects;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HD-1, HD-2, HD-3: manifests and messages far larger or more tangled than any real one are refused with a message at
 * their place, quickly, and a running daemon that is handed them lives on with its services untouched.
 */
class HostileInputTest {
    @RegisterExtension
    final Projects projects = new Projects();

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** envy check of a file it refuses from its size alone: JVM start-up and a stat, with room for a busy machine. */
    private static final Duration REFUSED_AT_ONCE = Duration.ofSeconds(5);

    private static final String TWO_SERVICES = """
            version = 1
            [services.db]
            command = "sleep 1000"
            [services.web]
            command = "sleep 1000"
            depends-on = ["db"]
            """;

    /** A manifest of {@code bytes} bytes: one command string. */
    static String oneString(int bytes) {
        String head = "version = 1\n[services.a]\ncommand = \"";
        return head + "x".repeat(bytes - head.length() - 2) + "\"\n";
    }

    /** {@code bytes} bytes on one line: an inline table of vars. */
    static String oneLine(int bytes) {
        StringBuilder toml = new StringBuilder("version = 1\nvars = {");
        for (int i = 0; toml.length() < bytes - 40; i++) {
            toml.append(" V").append(i).append(" = \"v\",");
        }
        return toml.append(" X = \"y\" }\n[services.a]\ncommand = \"x\"\n").toString();
    }

    static String comments(int bytes) {
        StringBuilder toml = new StringBuilder("version = 1\n[services.a]\ncommand = \"x\"\n");
        while (toml.length() < bytes) {
            toml.append("# a comment that goes on and on, as comments do\n");
        }
        return toml.toString();
    }

    /** {@code n} services, each depending on the next when {@code cycle}, the last on the first. */
    static String services(int n, boolean cycle) {
        StringBuilder toml = new StringBuilder("version = 1\n");
        for (int i = 0; i < n; i++) {
            toml.append("[services.s").append(i).append("]\ncommand = \"sleep 1000\"\n");
            if (cycle) {
                toml.append("depends-on = [\"s").append((i + 1) % n).append("\"]\n");
            }
        }
        return toml.toString();
    }

    /** The hostile manifests of the fault suite, each with what envy says of it. */
    static Map<String, String> hostile() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("a 10 MB command", oneString(10_000_000));
        cases.put("a 50 MB string", oneString(50_000_000));
        cases.put("a 50 MB line", oneLine(50_000_000));
        cases.put("50 MB of comments", comments(50_000_000));
        cases.put("10,000 services", services(10_000, false));
        cases.put("a 5,000-service cycle", services(5_000, true));
        cases.put("a 1,000-service cycle", services(1_000, true));
        // just under the size limit, and only then invalid: the whole file is parsed (tomlj's costliest input)
        cases.put("a string of 999,000 bytes and an unknown key", oneString(999_000) + "bogus = 1\n");
        StringBuilder dotted = new StringBuilder("version = 1\n[x]\n");
        while (dotted.length() < 990_000) {
            dotted.append("a.");
        }
        cases.put("990,000 bytes of one dotted key", dotted.append("b = 1\n").toString());
        StringBuilder unknown = new StringBuilder("version = 1\n[services.a]\ncommand = \"x\"\ndepends-on = [");
        for (int i = 0; unknown.length() < 900_000; i++) {
            unknown.append("\"missing").append(i).append("\",\n");
        }
        cases.put("50,000 unknown dependencies", unknown.append("]\n").toString());
        return cases;
    }

    private static final Map<String, String> SAID = Map.of(
            "a 10 MB command", "envy.toml:1:1: envy.toml is 10.0 MB; the limit is 1 MB",
            "a 50 MB string", "envy.toml:1:1: envy.toml is 50.0 MB; the limit is 1 MB",
            "a 50 MB line", "envy.toml:1:1: envy.toml is 50.0 MB; the limit is 1 MB",
            "50 MB of comments", "envy.toml:1:1: envy.toml is 50.0 MB; the limit is 1 MB",
            "10,000 services", "envy.toml:2002:1: envy.toml defines 10000 services; the limit is 1000",
            "a 5,000-service cycle", "envy.toml:3002:1: envy.toml defines 5000 services; the limit is 1000",
            "a 1,000-service cycle", "envy.toml:4:15: dependency cycle: s0 -> s1 -> s2 -> s3 -> s4 -> s5 -> … (989 more)",
            "a string of 999,000 bytes and an unknown key", "unknown key 'bogus'",
            "990,000 bytes of one dotted key", "envy.toml:2:1: unknown top-level key 'x'",
            "50,000 unknown dependencies", "more problems after this one not shown");

    @Test
    void HD_1_checkRefusesAnOversizedManifestFromItsSizeAtOnce() {
        TestProject p = projects.withManifest(TWO_SERVICES);
        for (String name : List.of("a 10 MB command", "a 50 MB string", "a 50 MB line", "50 MB of comments")) {
            p.writeManifest(hostile().get(name));
            long start = System.nanoTime();
            Run check = p.envy().withTimeout(REFUSED_AT_ONCE).run("check");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(2, check.exitCode(), name + ": " + check);
            assertTrue(check.stderr().contains(SAID.get(name)), name + ": " + check);
            System.out.println("HD-1: envy check of " + name + " answered in " + millis + " ms");
        }
    }

    @Test
    void HD_2_whatIsTooCostlyIsAProblemAtItsPlace() {
        TestProject p = projects.withManifest(TWO_SERVICES);
        for (String name : List.of("10,000 services", "a 5,000-service cycle", "a 1,000-service cycle",
                "a string of 999,000 bytes and an unknown key", "990,000 bytes of one dotted key",
                "50,000 unknown dependencies")) {
            p.writeManifest(hostile().get(name));
            Run check = p.run("check");
            assertEquals(2, check.exitCode(), name + ": " + check);
            assertTrue(check.stderr().contains(SAID.get(name)), name + ": " + check);
            assertTrue(check.stderr().lines().count() <= 110, name + ": at most a hundred problems and a count: "
                    + check.stderr().lines().count() + " lines");
        }
    }

    @Test
    void HD_3_aRunningDaemonLivesThroughEveryHostileReloadAndAnOversizedFrame() throws Exception {
        TestProject p = projects.withManifest(TWO_SERVICES);
        p.run("up", "-d").assertOk();
        Map<String, Long> pids = pids(p);
        JsonObject daemon = Json.parse(p.run("daemon", "status", "--json").assertOk().stdout()).asObject();
        long daemonPid = daemon.get("pid").asLong();
        Path socket = Path.of(daemon.getString("socket", ""));
        Path daemonLog = p.dir().resolve(".envy/logs/daemon.log");

        int rejected = count(daemonLog, "manifest rejected");
        for (Map.Entry<String, String> hostile : hostile().entrySet()) {
            p.writeManifest(hostile.getValue());
            Run reload = p.run("services", "reload");
            assertEquals(2, reload.exitCode(), hostile.getKey() + ": " + reload);
            assertTrue(reload.stderr().contains(SAID.get(hostile.getKey())), hostile.getKey() + ": " + reload);
            // the daemon reads the file itself on SIGHUP: the costliest path, with no client in between
            new ProcessBuilder("kill", "-HUP", Long.toString(daemonPid)).start().waitFor();
            int before = rejected;
            Await.until("the daemon to reject " + hostile.getKey() + " (daemon.log)", DEADLINE,
                    () -> count(daemonLog, "manifest rejected") > before);
            rejected = count(daemonLog, "manifest rejected");
            assertTrue(ProcessHandle.of(daemonPid).map(ProcessHandle::isAlive).orElse(false),
                    "the daemon lived through " + hostile.getKey());
        }

        // one frame announcing 16 MiB, then the bytes, as the fault suite sent it; then one just over the limit
        String refusal = rawFrame(socket, 16 * 1024 * 1024, false);
        assertTrue(refusal.contains("frame length 16777216 is over the limit of 262144 bytes"), refusal);
        String overHello = rawFrame(socket, 256 * 1024 + 1, true);
        assertTrue(overHello.contains("frame length 262145 is over the limit"), overHello);
        Await.until("daemon.log to say what it refused", DEADLINE,
                () -> count(daemonLog, "a client broke the protocol: frame length 16777216 is over the limit") == 1);

        p.writeManifest(TWO_SERVICES);
        assertEquals(daemonPid, Json.parse(p.run("daemon", "status", "--json").assertOk().stdout()).asObject()
                .get("pid").asLong(), "the same daemon");
        assertEquals(pids, pids(p), "the services kept running, untouched");
        for (long pid : pids.values()) {
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " alive");
        }
        p.run("services", "restart", "web").assertOk(); // and it still acts on requests
        p.run("down").assertOk();
    }

    /**
     * Connects to the daemon's socket, optionally says hello, then sends a frame header announcing {@code length}
     * bytes and as many of them as the daemon takes; returns what the daemon answered, as text.
     */
    private static String rawFrame(Path socket, int length, boolean hello) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            OutputStream out = Channels.newOutputStream(channel);
            InputStream in = Channels.newInputStream(channel);
            if (hello) {
                byte[] json = ("{\"type\":\"hello\",\"protocolVersion\":" + Protocol.VERSION
                        + ",\"clientVersion\":\"0.1.0\"}")
                        .getBytes(StandardCharsets.UTF_8);
                out.write(header(json.length));
                out.write(json);
                readFrame(in);
            }
            out.write(header(length));
            try {
                byte[] chunk = new byte[64 * 1024];
                for (int sent = 0; sent < length; sent += chunk.length) {
                    out.write(chunk, 0, Math.min(chunk.length, length - sent));
                }
            } catch (IOException closed) {
                // the daemon refused from the header and closed: expected
            }
            return readFrame(in);
        }
    }

    private static byte[] header(int n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }

    private static String readFrame(InputStream in) throws IOException {
        byte[] h = in.readNBytes(4);
        if (h.length < 4) {
            return "(closed without an answer)";
        }
        int n = ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    private static Map<String, Long> pids(TestProject p) {
        Map<String, Long> pids = new LinkedHashMap<>();
        JsonObject status = Json.parse(p.run("services", "status", "--json").assertOk().stdout()).asObject();
        for (JsonValue v : status.get("services").asArray()) {
            JsonValue pid = v.asObject().get("pid");
            pids.put(v.asObject().getString("name", "?"), pid == null || pid.isNull() ? -1 : pid.asLong());
        }
        return pids;
    }

    private static int count(Path file, String text) {
        try {
            return (int) new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.contains(text)).count();
        } catch (IOException e) {
            return 0;
        }
    }
}

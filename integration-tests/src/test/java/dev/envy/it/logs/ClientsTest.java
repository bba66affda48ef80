package dev.envy.it.logs;

import dev.envy.core.protocol.Protocol;
import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import dev.envy.it.support.Await;
import dev.envy.it.support.Envy;
import dev.envy.it.support.Projects;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.envy.it.logs.LogFixture.DEADLINE;
import static dev.envy.it.logs.LogFixture.project;
import static dev.envy.it.logs.LogFixture.service;
import static dev.envy.it.logs.LogFixture.socket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CS-6, CS-10, CS-11: several clients at once, clients of another user, clients of another protocol version. */
class ClientsTest {
    @RegisterExtension
    final Projects projects = new Projects();

    /** Waits for the file {@code go}, prints 20,000 numbered lines as fast as bash can, records {@code done}. */
    private static final String BURST = """
            #!/bin/bash
            until [ -e go ]; do sleep 0.05; done
            for ((i = 1; i <= 20000; i++)); do printf 'n %05d\\n' "$i"; done
            echo done >> "$RECORD"
            exec sleep 1000
            """;

    /**
     * A raw client: connects to the socket {@code argv[1]}, sends a hello of protocol {@code argv[2]} and prints
     * {@code DENIED} (cannot even connect), {@code CLOSED} (the daemon hung up without a reply) or {@code REPLY <json>}.
     */
    private static final String CLIENT = """
            import json, socket, struct, sys
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.settimeout(20)
            try:
                s.connect(sys.argv[1])
            except PermissionError:
                print("DENIED"); sys.exit(0)
            body = json.dumps({"type": "hello", "protocolVersion": int(sys.argv[2]), "clientVersion": "x"}).encode()
            def read(n):
                data = b""
                while len(data) < n:
                    chunk = s.recv(n - len(data))
                    if not chunk:
                        return None
                    data += chunk
                return data
            try:
                s.sendall(struct.pack(">I", len(body)) + body)
                header = read(4)
                payload = None if header is None else read(struct.unpack(">I", header)[0])
            except (BrokenPipeError, ConnectionResetError):
                payload = None
            print("CLOSED" if payload is None else "REPLY " + payload.decode())
            """;

    @Test
    void CS_6_twoFollowersEachGetEveryLineAndASlowOneDoesNotHoldTheServiceBack() throws Exception {
        TestProject p = project(projects, service("burst", "./burst.sh"), "burst.sh", BURST);
        p.run("up", "-d").assertOk();
        Process fast = follower(p);
        Process slow = follower(p);
        try {
            List<String> fastLines = Collections.synchronizedList(new ArrayList<>());
            List<String> slowLines = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch slowMayRead = new CountDownLatch(1);
            Thread fastReader = reader(fast, fastLines, new CountDownLatch(0));
            Thread slowReader = reader(slow, slowLines, slowMayRead);

            p.writeFile("go", "");
            // the slow follower reads nothing until the service has finished: its pipe fills, the service runs on
            p.awaitRecord("done", DEADLINE);
            slowMayRead.countDown();

            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 20000; i++) {
                expected.add(String.format("burst | n %05d", i));
            }
            Await.until("the fast follower to have 20,000 lines (has " + fastLines.size() + ")", DEADLINE,
                    () -> fastLines.size() >= 20000);
            Await.until("the slow follower to have 20,000 lines (has " + slowLines.size() + ")", DEADLINE,
                    () -> slowLines.size() >= 20000);
            assertEquals(expected, List.copyOf(fastLines), "the fast follower: every line once, in order");
            assertEquals(expected, List.copyOf(slowLines), "the slow follower: every line once, in order");
            fastReader.interrupt();
            slowReader.interrupt();
        } finally {
            stop(fast);
            stop(slow);
        }
    }

    @Test
    void CS_10_aClientOfAnotherUserGetsNoWelcome() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "needs root to run a client as uid 65534");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv");
        TestProject p = project(projects, service("idle", "exec sleep 1000"));
        p.run("up", "-d").assertOk();
        Path socket = socket(p);
        List<String> asNobody = List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups");

        // as laid out: the 0700 runtime dir keeps another user from reaching the socket at all
        assertEquals("DENIED", client(asNobody, socket, Protocol.VERSION), "another user cannot reach the socket");

        // with every directory opened up, the daemon's own peer-credential check still refuses the connection
        List<Path> opened = List.of(p.runtimeDir().getParent(), p.runtimeDir(), socket.getParent());
        List<Set<PosixFilePermission>> before = new ArrayList<>();
        for (Path dir : opened) {
            before.add(Files.getPosixFilePermissions(dir));
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        }
        Set<PosixFilePermission> socketBefore = Files.getPosixFilePermissions(socket);
        try {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rwxrwxrwx"));
            assertEquals("CLOSED", client(asNobody, socket, Protocol.VERSION),
                    "the daemon hangs up on another uid (SO_PEERCRED)");
            Await.until("daemon.log to say which uid it refused", DEADLINE,
                    () -> LogFixture.text(p.log("daemon")).contains("refused a connection from uid 65534"));
        } finally {
            Files.setPosixFilePermissions(socket, socketBefore);
            for (int i = 0; i < opened.size(); i++) {
                Files.setPosixFilePermissions(opened.get(i), before.get(i));
            }
        }
        String owner = client(List.of(), socket, Protocol.VERSION);
        assertTrue(owner.startsWith("REPLY ") && owner.contains("\"welcome\""), "the owner still gets a welcome: " + owner);
        p.run("services", "status").assertOk();
    }

    @Test
    void CS_11_aClientOfAnotherProtocolVersionIsToldToRunEnvyDown() throws Exception {
        TestProject p = project(projects, service("idle", "exec sleep 1000"));
        p.run("up", "-d").assertOk();

        String answer = client(List.of(), socket(p), 999);

        assertTrue(answer.startsWith("REPLY "), answer);
        JsonObject reply = Json.parse(answer.substring("REPLY ".length())).asObject();
        assertEquals("error", reply.getString("type", null), reply.toString());
        assertTrue(reply.getString("message", "").contains("999"), "the message names the client's version: " + reply);
        assertTrue(reply.getString("hint", "").contains("envy down"), "the hint says envy down: " + reply);
        p.run("services", "status").assertOk();
    }

    private static Process follower(TestProject p) throws IOException {
        List<String> command = List.of(Envy.home().resolve("bin/envy").toString(), "services", "logs", "-f", "-n", "all",
                "burst");
        ProcessBuilder pb = new ProcessBuilder(command).directory(p.dir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().putAll(p.envy().env());
        return pb.start();
    }

    /** Reads the follower's lines into {@code into} once {@code mayRead} opens. */
    private static Thread reader(Process follower, List<String> into, CountDownLatch mayRead) {
        return Thread.ofPlatform().daemon(true).start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(follower.getInputStream(),
                    StandardCharsets.UTF_8))) {
                if (!mayRead.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    into.add(line);
                }
            } catch (IOException | InterruptedException e) {
                // the follower was stopped
            }
        });
    }

    private static void stop(Process follower) throws InterruptedException {
        follower.descendants().forEach(ProcessHandle::destroy);
        follower.destroy();
        if (!follower.waitFor(10, TimeUnit.SECONDS)) {
            follower.descendants().forEach(ProcessHandle::destroyForcibly);
            follower.destroyForcibly();
        }
    }

    /** Runs {@link #CLIENT} with {@code prefix} (e.g. setpriv) and returns what it printed. */
    private static String client(List<String> prefix, Path socket, int protocolVersion) throws Exception {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of("/usr/bin/python3", "-c", CLIENT, socket.toString(), Integer.toString(protocolVersion)));
        Process python = new ProcessBuilder(command).directory(new File("/"))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).start();
        try {
            String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!python.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the raw client did not exit: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            python.destroyForcibly();
        }
    }
}

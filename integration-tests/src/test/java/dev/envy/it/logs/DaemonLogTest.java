package dev.envy.it.logs;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import dev.envy.it.support.Await;
import dev.envy.it.support.Projects;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.envy.it.logs.LogFixture.DEADLINE;
import static dev.envy.it.logs.LogFixture.project;
import static dev.envy.it.logs.LogFixture.rotated;
import static dev.envy.it.logs.LogFixture.service;
import static dev.envy.it.logs.LogFixture.size;
import static dev.envy.it.logs.LogFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** LG-3 (the daemon log as JSON) and LG-4 (the daemon log rotated by size), both set in {@code [options]}. */
class DaemonLogTest {
    @RegisterExtension
    final Projects projects = new Projects();

    @Test
    void LG_3_daemonLogCanBeJson() {
        TestProject p = project(projects, """
                [options]
                daemon-log-format = "json"
                """ + service("idle", "exec sleep 1000"));
        p.run("up", "-d").assertOk();
        Await.until("daemon.log to record the spawn", DEADLINE, () -> text(p.log("daemon")).contains("spawned idle"));
        p.run("down").assertOk();

        // the launcher (a client, before the daemon exists) adds its own "[launcher]" text lines to the same file
        List<String> lines = text(p.log("daemon")).lines().filter(l -> !l.matches("\\S+ \\[launcher\\] .*")).toList();
        assertTrue(lines.size() >= 3, "a start, a spawn and an exit at least: " + lines);
        List<String> messages = new ArrayList<>();
        for (String line : lines) {
            JsonObject o;
            try {
                o = Json.parse(line).asObject();
            } catch (RuntimeException e) {
                throw new AssertionError("not a JSON object: " + line, e);
            }
            assertTrue(o.getString("time", "").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), line);
            assertTrue(List.of("DEBUG", "INFO", "WARN", "ERROR").contains(o.getString("level", "")), line);
            messages.add(o.getString("message", ""));
        }
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("daemon ") && m.contains(" started: pid ")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("spawned idle pid ")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("daemon exited")), messages.toString());
    }

    @Test
    void LG_4_daemonLogIsRotatedBySize() {
        TestProject p = project(projects, """
                [options]
                log-max-size = "1KB"
                log-keep = 2
                """ + service("idle", "exec sleep 1000"));
        p.run("up", "-d").assertOk();
        int restarts = 0;
        while (rotated(p, "daemon").size() < 2) {
            if (++restarts > 40) {
                fail("40 restarts did not rotate daemon.log twice:\n" + text(p.log("daemon")));
            }
            p.run("services", "restart", "idle").assertOk();
        }
        Path daemon = p.log("daemon");
        Await.until("the daemon to log into a fresh daemon.log", DEADLINE, () -> size(daemon) > 0);

        assertEquals(2, rotated(p, "daemon").size(), "log-keep = 2 keeps two rotated files");
        assertFalse(Files.exists(daemon.resolveSibling("daemon.log.3")), "no third rotated file");
        List<Path> oldestFirst = List.of(daemon.resolveSibling("daemon.log.2"), daemon.resolveSibling("daemon.log.1"),
                daemon);
        String previousLast = "";
        for (Path f : oldestFirst) {
            List<String> lines = text(f).lines().toList();
            int longest = lines.stream().mapToInt(l -> l.length() + 1).max().orElse(0);
            assertTrue(size(f) <= 1000 + longest, f + " has " + size(f) + " bytes, over 1KB and a line");
            String first = lines.getFirst().substring(0, 24);
            String last = lines.getLast().substring(0, 24);
            assertTrue(previousLast.compareTo(first) <= 0, f + " starts before the older file ended");
            previousLast = last;
        }
    }
}

package dev.envy.it.logs;

import dev.envy.it.support.Await;
import dev.envy.it.support.Projects;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.envy.it.logs.LogFixture.DEADLINE;
import static dev.envy.it.logs.LogFixture.PREFIX;
import static dev.envy.it.logs.LogFixture.TIME;
import static dev.envy.it.logs.LogFixture.bytes;
import static dev.envy.it.logs.LogFixture.lines;
import static dev.envy.it.logs.LogFixture.project;
import static dev.envy.it.logs.LogFixture.rotated;
import static dev.envy.it.logs.LogFixture.service;
import static dev.envy.it.logs.LogFixture.size;
import static dev.envy.it.logs.LogFixture.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LG-1, LG-5, LG-8: what the daemon writes to the files under {@code .envy/logs}, read back as bytes. */
class ProcessLogsTest {
    @RegisterExtension
    final Projects projects = new Projects();

    private static final String TALK = """
            #!/bin/bash
            echo "$ENVY_SERVICE output marker"
            echo "$ENVY_SERVICE error marker" >&2
            exec sleep 1000
            """;

    /** Prints {@code line 00001} … {@code line 05000}, then stays up. */
    private static final String COUNT = """
            #!/bin/bash
            for ((i = 1; i <= 5000; i++)); do printf 'line %05d\\n' "$i"; done
            exec sleep 1000
            """;

    @Test
    void LG_1_daemonLogHasLifecycleLinesAndEachServiceLogOnlyItsOwnOutput() {
        TestProject p = project(projects, service("db", "./talk.sh") + service("web", "./talk.sh"),
                "talk.sh", TALK);
        p.run("up", "-d").assertOk();
        Path daemon = p.log("daemon");
        Await.until("db.log and web.log to hold their service's stdout and stderr", DEADLINE,
                () -> text(p.log("db")).contains("db error marker") && text(p.log("db")).contains("db output marker")
                        && text(p.log("web")).contains("web error marker")
                        && text(p.log("web")).contains("web output marker"));
        Await.until("daemon.log to record both spawns", DEADLINE,
                () -> text(daemon).contains("spawned db") && text(daemon).contains("spawned web"));

        String daemonLog = text(daemon);
        assertFalse(daemonLog.contains("marker"), "no service output in daemon.log:\n" + daemonLog);
        for (String name : List.of("db", "web")) {
            String other = name.equals("db") ? "web" : "db";
            List<String> lines = text(p.log(name)).lines().toList();
            assertEquals(2, lines.size(), name + ".log holds exactly its two lines: " + lines);
            for (String line : lines) {
                assertTrue(line.matches(TIME + name + " (output|error) marker"), name + ".log line: " + line);
                assertFalse(line.contains(other) || line.contains("spawned"), name + ".log line: " + line);
            }
        }
    }

    @Test
    void LG_5_processLogsRotateBySizeAndKeepEveryLineInOrder() {
        TestProject p = project(projects, """
                [options]
                log-max-size = "10KB"
                log-keep = 50
                """ + service("count", "./count.sh"), "count.sh", COUNT);
        p.run("up", "-d").assertOk();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 5000; i++) {
            expected.add(String.format("count | line %05d", i));
        }
        Run logs = Await.value("envy services logs -n all count to show all 5,000 lines", DEADLINE, () -> {
            Run run = p.run("services", "logs", "-n", "all", "count").assertOk();
            return run.stdoutLines().size() >= 5000 ? java.util.Optional.of(run) : java.util.Optional.empty();
        });
        assertEquals(expected, logs.stdoutLines(), "every line once, in order, across the rotated files");

        List<Path> rotatedFiles = rotated(p, "count");
        // 5,000 lines of 36 bytes are 180 kB: about 18 files of at most 10 kB
        assertTrue(rotatedFiles.size() >= 15, "rotated files: " + rotatedFiles);
        long slack = PREFIX + "line 00000\n".length();
        for (Path f : rotatedFiles) {
            assertTrue(size(f) <= 10_000 + slack, f + " has " + size(f) + " bytes, over 10KB");
            assertTrue(size(f) > 10_000 - 2 * slack, f + " has only " + size(f) + " bytes: rotated early");
        }
        assertTrue(size(p.log("count")) <= 10_000 + slack, "the current file is bounded too");
    }

    @Test
    void LG_5_onlyLogKeepRotatedFilesRemain() {
        TestProject p = project(projects, """
                [options]
                log-max-size = "10KB"
                log-keep = 2
                """ + service("count", "./count.sh"), "count.sh", COUNT);
        p.run("up", "-d").assertOk();
        Await.until("the last line to reach count.log", DEADLINE,
                () -> text(p.log("count")).contains("line 05000\n"));

        assertEquals(List.of(p.log("count").resolveSibling("count.log.1"), p.log("count").resolveSibling("count.log.2")),
                rotated(p, "count"), "exactly log-keep rotated files");
        List<String> lines = p.run("services", "logs", "-n", "all", "count").assertOk().stdoutLines();
        assertEquals("count | line 05000", lines.getLast(), "the newest lines are kept");
        assertTrue(lines.size() < 5000 && lines.size() > 500, "older files were dropped: " + lines.size() + " lines");
        for (int i = 1; i < lines.size(); i++) {
            assertTrue(lines.get(i - 1).compareTo(lines.get(i)) < 0, "in order: " + lines.get(i - 1) + ", " + lines.get(i));
        }
    }

    @Test
    void LG_8_hugeLinesAreSplitAt64KiBAndInvalidUtf8IsKeptAsBytes() {
        String huge = """
                #!/bin/bash
                head -c 204800 /dev/zero | tr '\\0' a
                printf '\\n'
                printf 'bin \\xff\\xfe\\x80\\xc3 end\\n'
                exec sleep 1000
                """;
        TestProject p = project(projects, service("huge", "./huge.sh"), "huge.sh", huge);
        p.run("up", "-d").assertOk();
        Await.until("the binary line to reach huge.log", DEADLINE, () -> text(p.log("huge")).endsWith(" end\n"));

        byte[] file = bytes(p.log("huge"));
        assertEquals('\n', file[file.length - 1], "the file ends with a whole line");
        List<byte[]> lines = lines(file);
        List<Integer> payloadLengths = lines.stream().map(l -> l.length - PREFIX).toList();
        assertEquals(List.of(65536, 65536, 65536, 8192, "bin \u00ff\u00fe\u0080\u00c3 end".length()), payloadLengths,
                "200 KiB split into 64 KiB pieces, then the binary line");
        for (byte[] line : lines) {
            String prefix = new String(line, 0, PREFIX, StandardCharsets.US_ASCII);
            assertTrue(prefix.matches(TIME), "time prefix: " + prefix);
        }
        for (byte[] piece : lines.subList(0, 4)) {
            byte[] payload = Arrays.copyOfRange(piece, PREFIX, piece.length);
            byte[] as = new byte[payload.length];
            Arrays.fill(as, (byte) 'a');
            assertArrayEquals(as, payload, "a piece holds only the service's bytes");
        }
        byte[] binary = lines.get(4);
        assertArrayEquals(new byte[] {'b', 'i', 'n', ' ', (byte) 0xff, (byte) 0xfe, (byte) 0x80, (byte) 0xc3,
                ' ', 'e', 'n', 'd'}, Arrays.copyOfRange(binary, PREFIX, binary.length), "raw bytes kept exactly");
    }
}

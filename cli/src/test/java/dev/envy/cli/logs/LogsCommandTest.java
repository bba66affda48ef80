package dev.envy.cli.logs;

import dev.envy.core.log.LogFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogsCommandTest {

    static final String MANIFEST = """
            version = 1
            [services.db]
            command = "pg"
            [services.web]
            command = "serve"
            [services.worker]
            command = "work"
            """;

    @TempDir
    Path project;
    Path logs;

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(project.resolve("envy.toml"), MANIFEST);
        logs = Files.createDirectories(project.resolve(".envy/logs"));
    }

    static Instant at(int second) {
        return Instant.parse("2026-11-22T01:00:00Z").plusSeconds(second);
    }

    static void append(Path file, Instant time, String line) throws IOException {
        append(file, time, line.getBytes(StandardCharsets.UTF_8));
    }

    static void append(Path file, Instant time, byte[] payload) throws IOException {
        Files.write(file, LogFormat.encode(time, payload), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private LogsRun.Result run(String... args) {
        return new LogsRun(project).run(args);
    }

    @Test
    void LG_2_combinedLinesArePrefixedWithAlignedNamesInTimeOrder() throws IOException {
        append(logs.resolve("db.log"), at(1), "db up");
        append(logs.resolve("web.log"), at(2), "listening");
        append(logs.resolve("db.log"), at(3), "query");
        LogsRun.Result r = run();
        assertEquals(0, r.exitCode(), r.toString());
        // aligned to the longest name shown (worker, with no lines yet), so following never shifts columns
        assertEquals("db     | db up\nweb    | listening\ndb     | query\n", r.text());
        assertEquals("db  | db up\nweb | listening\ndb  | query\n", run("web", "db").text());
    }

    @Test
    void LG_7_lastNLinesOfEachServiceMergedByTime() throws IOException {
        for (int i = 0; i < 10; i++) {
            append(logs.resolve("db.log"), at(2 * i), "db " + i);
            append(logs.resolve("web.log"), at(2 * i + 1), "web " + i);
        }
        // as `docker compose logs --tail`: N of each, not N in all; a quiet service keeps its last lines too
        append(logs.resolve("worker.log"), at(0), "worker only line");
        assertEquals("db  | db 8\nweb | web 8\ndb  | db 9\nweb | web 9\n", run("-n", "2", "db", "web").text());
        assertEquals("web | web 8\nweb | web 9\n", run("-n", "2", "web").text());
        assertEquals("worker | worker only line\ndb     | db 9\nweb    | web 9\n", run("-n", "1").text());
        assertEquals("", run("-n", "0").text());
    }

    @Test
    void sinceShowsOnlyLinesFromThenOnAndCombinesWithN() throws IOException {
        for (int i = 0; i < 10; i++) {
            append(logs.resolve("db.log"), at(60 * i), "db " + i);
        }
        Files.write(logs.resolve("db.log"), "no time of its own\n".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        append(logs.resolve("web.log"), at(30), "web early");
        assertEquals("db  | db 8\ndb  | db 9\ndb  | no time of its own\n", at600("--since", "2m30s", "db", "web").text());
        assertEquals("db  | db 9\ndb  | no time of its own\n", at600("--since", "2m30s", "-n", "2", "db", "web").text());
        assertEquals("db  | db 9\ndb  | no time of its own\n",
                at600("--since", "2026-11-22T01:09:00Z", "db", "web").text());
        LogsRun.Result bad = at600("--since", "yesterday");
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("--since takes a time ago or a point in time, not 'yesterday'"), bad.err());
        assertTrue(bad.err().contains("hint: e.g. --since 10m"), bad.err());
    }

    @Test
    void sinceSkipsRotatedFilesLastWrittenBeforeIt() throws IOException {
        append(logs.resolve("db.log.1"), at(1), "old");
        Files.setLastModifiedTime(logs.resolve("db.log.1"), java.nio.file.attribute.FileTime.from(at(1)));
        append(logs.resolve("db.log"), at(500), "new");
        assertEquals("db | new\n", at600("--since", "5m", "db").text());
    }

    /** A run at 01:10:00Z. */
    private LogsRun.Result at600(String... args) {
        LogsRun r = new LogsRun(project);
        r.clock = () -> at(600);
        return r.run(args);
    }

    @Test
    void timestampsShowEachLinesStoredTimeAfterTheName() throws IOException {
        append(logs.resolve("db.log"), Instant.parse("2026-11-22T01:02:03.456Z"), "up");
        Files.write(logs.resolve("db.log"), "bare\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        assertEquals("db | 2026-11-22T01:02:03.456Z up\ndb |                          bare\n", run("-t", "db").text());
        assertEquals(run("--timestamps", "db").text(), run("-t", "db").text());
    }

    @Test
    void LG_7_defaultIsTheLast100Lines() throws IOException {
        for (int i = 0; i < 150; i++) {
            append(logs.resolve("db.log"), at(i), "line " + i);
        }
        List<String> lines = run().text().lines().toList();
        assertEquals(100, lines.size());
        assertEquals("db     | line 50", lines.getFirst());
        assertEquals(150, run("-n", "all").text().lines().count());
    }

    @Test
    void LG_5_readsAcrossRotatedFilesOldestFirst() throws IOException {
        append(logs.resolve("db.log.2"), at(1), "oldest");
        append(logs.resolve("db.log.1"), at(2), "older");
        append(logs.resolve("db.log"), at(3), "newest");
        assertEquals("db | oldest\ndb | older\ndb | newest\n", run("-n", "all", "db").text());
        assertEquals("db | older\ndb | newest\n", run("-n", "2", "db").text());
    }

    @Test
    void LG_8_invalidUtf8ReachesStdoutByteForByte() throws IOException {
        byte[] payload = {'b', 'i', 'n', ' ', (byte) 0xff, (byte) 0xfe, (byte) 0xc3};
        append(logs.resolve("db.log"), at(1), payload);
        byte[] expected = new byte[5 + payload.length + 1];
        System.arraycopy("db | ".getBytes(StandardCharsets.US_ASCII), 0, expected, 0, 5);
        // named, so the prefix is exactly "db | "
        System.arraycopy(payload, 0, expected, 5, payload.length);
        expected[expected.length - 1] = '\n';
        assertArrayEquals(expected, run("db").out());
    }

    @Test
    void LG_3_jsonGivesTimeServiceAndLine() throws IOException {
        append(logs.resolve("web.log"), Instant.parse("2026-11-22T01:02:03.456Z"), "say \"hi\"");
        assertEquals("{\"time\":\"2026-11-22T01:02:03.456Z\",\"service\":\"web\",\"line\":\"say \\\"hi\\\"\"}\n",
                run("--json").text());
    }

    @Test
    void colourOnATerminalUnlessNoColorOrTermDumb() throws IOException {
        append(logs.resolve("db.log"), at(1), "a");
        append(logs.resolve("web.log"), at(2), "b");
        LogsRun onTerminal = new LogsRun(project);
        onTerminal.terminal = true;
        onTerminal.env.put("TERM", "xterm-256color");
        assertEquals("\u001b[36mdb  |\u001b[0m a\u001b[0m\n\u001b[33mweb |\u001b[0m b\u001b[0m\n",
                onTerminal.run("db", "web").text());

        LogsRun noColorEnv = new LogsRun(project);
        noColorEnv.terminal = true;
        noColorEnv.env.put("TERM", "xterm-256color");
        noColorEnv.env.put("NO_COLOR", "1");
        assertEquals("db  | a\nweb | b\n", noColorEnv.run("db", "web").text());

        LogsRun dumb = new LogsRun(project);
        dumb.terminal = true;
        dumb.env.put("TERM", "dumb");
        assertEquals("db  | a\nweb | b\n", dumb.run("db", "web").text());

        LogsRun pipe = new LogsRun(project);
        pipe.env.put("TERM", "xterm-256color");
        assertEquals("db  | a\nweb | b\n", pipe.run("db", "web").text());

        LogsRun flag = new LogsRun(project);
        flag.terminal = true;
        flag.env.put("TERM", "xterm-256color");
        assertEquals("db  | a\nweb | b\n", flag.run("--no-color", "db", "web").text());
    }

    @Test
    void LG_6_unknownNameIsExit2WithDidYouMeanAndPrintsNothing() throws IOException {
        append(logs.resolve("db.log"), at(1), "a");
        LogsRun.Result r = run("db", "wbe");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("'wbe' (did you mean 'web'?)"), r.err());
        assertEquals("", r.text());
    }

    @Test
    void serviceWithoutALogYetShowsNothing() {
        LogsRun.Result r = run("worker");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("", r.text());
    }

    @Test
    void badLineCountIsExit2() {
        LogsRun.Result r = run("-n", "lots");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("-n takes a number"), r.err());
    }

    @Test
    void anInvalidManifestStillShowsTheLogsOnDisk() throws IOException {
        Files.writeString(project.resolve("envy.toml"), "[services.db]\ncommand = 3\n");
        append(logs.resolve("db.log"), at(1), "still here");
        Files.writeString(logs.resolve("daemon.log"), "not a service\n");
        LogsRun.Result r = run();
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("db | still here\n", r.text());
        assertTrue(r.err().contains("warning"), r.err());
    }

    @Test
    void linesWithoutATimePrefixAreShownWhole() throws IOException {
        Files.writeString(logs.resolve("db.log"), "hand written\n");
        assertEquals("db | hand written\n", run("db").text());
    }

    @Test
    void unfinishedLastLineIsShownWhenNotFollowing() throws IOException {
        append(logs.resolve("db.log"), at(1), "done");
        Files.write(logs.resolve("db.log"), "2026-11-22T01:00:02.000Z half".getBytes(StandardCharsets.US_ASCII),
                StandardOpenOption.APPEND);
        assertEquals("db | done\ndb | half\n", run("db").text());
    }

    static String text(ByteArrayOutputStream out) {
        return out.toString(StandardCharsets.UTF_8);
    }
}

package dev.envy.cli.logs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static dev.envy.cli.logs.LogsCommandTest.append;
import static dev.envy.cli.logs.LogsCommandTest.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** LG-6/CS-6: {@code logs -f}, run on its own thread against files the test writes the way the daemon does. */
class LogsFollowTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @TempDir
    Path project;
    Path logs;
    private final List<Thread> followers = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        Files.writeString(project.resolve("envy.toml"), LogsCommandTest.MANIFEST);
        logs = Files.createDirectories(project.resolve(".envy/logs"));
    }

    @AfterEach
    void stopFollowers() throws InterruptedException {
        for (Thread t : followers) {
            t.interrupt();
            t.join(DEADLINE.toMillis());
        }
    }

    /** Stdout of a follower: thread-safe, and closable like a pipe whose reader went away. */
    static final class Capture extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile boolean closed;

        @Override
        public synchronized void write(int b) throws IOException {
            if (closed) {
                throw new IOException("Broken pipe");
            }
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            if (closed) {
                throw new IOException("Broken pipe");
            }
            bytes.write(b, off, len);
        }

        @Override
        public void close() {
            closed = true;
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        void await(String what, Predicate<String> condition) throws InterruptedException {
            Instant deadline = Instant.now().plus(DEADLINE);
            while (Instant.now().isBefore(deadline)) {
                if (condition.test(text())) {
                    return;
                }
                Thread.sleep(10);
            }
            fail("follower output never showed " + what + " within " + DEADLINE.toSeconds() + "s; it was:\n" + text());
        }
    }

    private CompletableFuture<LogsRun.Result> follow(Capture out, String... args) {
        LogsRun run = new LogsRun(project);
        run.stdout = out;
        CompletableFuture<LogsRun.Result> result = new CompletableFuture<>();
        String[] full = new String[args.length + 1];
        full[0] = "-f";
        System.arraycopy(args, 0, full, 1, args.length);
        Thread t = Thread.ofPlatform().name("follower").start(() -> result.complete(run.run(full)));
        followers.add(t);
        return result;
    }

    @Test
    void LG_6_followPrintsTheTailThenNewLinesOfTheNamedServicesOnly() throws Exception {
        append(logs.resolve("db.log"), at(0), "old");
        append(logs.resolve("db.log"), at(1), "before");
        Capture out = new Capture();
        follow(out, "-n", "1", "db", "web");
        out.await("the tail", s -> s.equals("db  | before\n"));
        append(logs.resolve("worker.log"), at(2), "not followed");
        append(logs.resolve("web.log"), at(3), "web starts"); // a file that did not exist when following began
        append(logs.resolve("db.log"), at(4), "after");
        out.await("the new lines", s -> s.contains("db  | after\n") && s.contains("web | web starts\n"));
        assertFalse(out.text().contains("not followed"));
        assertFalse(out.text().contains("old"));
    }

    @Test
    void anUnfinishedLineIsPrintedOnceCompleteAndOnlyOnce() throws Exception {
        Path db = logs.resolve("db.log");
        Files.write(db, "2026-11-22T01:00:00.000Z hal".getBytes(StandardCharsets.US_ASCII));
        Capture out = new Capture();
        follow(out, "db");
        append(logs.resolve("web.log"), at(1), "x"); // web is not followed: wait for a followed line instead
        Files.write(db, "f\n".getBytes(StandardCharsets.US_ASCII), StandardOpenOption.APPEND);
        append(db, at(2), "next");
        out.await("the completed line", s -> s.contains("db | next\n"));
        assertEquals("db | half\ndb | next\n", out.text());
    }

    @Test
    void LG_5_rotationWhileFollowingLosesAndRepeatsNothing() throws Exception {
        Path db = logs.resolve("db.log");
        append(db, at(0), "line 0");
        Capture out = new Capture();
        follow(out, "db");
        out.await("the first line", s -> s.equals("db | line 0\n"));
        int total = 3000;
        for (int i = 1; i < total; i++) {
            append(db, at(i), "line " + i);
            if (i % 100 == 0) {
                rotate(db, 50); // keeps every file, so a slow reader can still find them all
            }
        }
        out.await("all " + total + " lines", s -> s.lines().count() >= total);
        List<String> lines = out.text().lines().toList();
        assertEquals(total, lines.size());
        for (int i = 0; i < total; i++) {
            assertEquals("db | line " + i, lines.get(i));
        }
    }

    /**
     * A rotation right as following begins, between the follower's look at the current file and its look for the
     * file the tail ended in: the 100 lines written to that file after the tail went unread once (the rest of the
     * file was looked for before the new file was opened). The seam runs the rotation exactly there.
     */
    @Test
    void LG_5_rotationAsFollowingBeginsLosesNothing() throws Exception {
        Path db = logs.resolve("db.log");
        append(db, at(0), "line 0");
        try (ServiceFollower follower = new ServiceFollower(logs, "db", dev.envy.host.log.LogFiles.key(db),
                Files.size(db))) {
            boolean[] once = {false};
            follower.beforeResume = () -> {
                if (once[0]) {
                    return;
                }
                once[0] = true;
                try {
                    for (int i = 1; i <= 100; i++) {
                        append(db, at(i), "line " + i);
                    }
                    rotate(db, 5);
                    append(db, at(101), "line 101");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
            List<String> lines = new ArrayList<>();
            Instant deadline = Instant.now().plus(DEADLINE);
            while (lines.size() < 101 && Instant.now().isBefore(deadline)) {
                follower.poll().forEach(b -> lines.add(new String(b, StandardCharsets.UTF_8)));
            }
            assertEquals(101, lines.size(), "lines read: " + lines);
            for (int i = 1; i <= 101; i++) {
                assertTrue(lines.get(i - 1).endsWith(" line " + i), lines.get(i - 1));
            }
        }
    }

    @Test
    void HD_10_aDeletedLogMadeAgainIsFollowedWithoutRepeatingRotatedFiles() throws Exception {
        Path db = logs.resolve("db.log");
        append(db, at(0), "rotated long ago");
        rotate(db, 3);
        append(db, at(1), "line 1");
        Capture out = new Capture();
        follow(out, "-n", "1", "db");
        out.await("the tail", s -> s.equals("db | line 1\n"));
        append(db, at(2), "line 2");
        out.await("line 2", s -> s.contains("line 2"));
        Files.delete(db);
        append(db, at(3), "line 3"); // the daemon makes it again
        append(db, at(4), "line 4");
        out.await("the lines of the new file", s -> s.contains("line 4"));
        assertEquals("db | line 1\ndb | line 2\ndb | line 3\ndb | line 4\n", out.text());
    }

    /** Rotates as the daemon's log store does: .log.(k-1) → .log.k … .log → .log.1. */
    private static void rotate(Path file, int keep) throws IOException {
        for (int i = keep - 1; i >= 1; i--) {
            Path from = file.resolveSibling(file.getFileName() + "." + i);
            if (Files.exists(from)) {
                Files.move(from, file.resolveSibling(file.getFileName() + "." + (i + 1)),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        Files.createFile(file);
    }

    @Test
    void CS_6_twoFollowersEachGetEveryLine() throws Exception {
        append(logs.resolve("db.log"), at(0), "line 0");
        Capture first = new Capture();
        Capture second = new Capture();
        follow(first, "-n", "1");
        follow(second, "-n", "1");
        first.await("the tail", s -> s.contains("line 0"));
        second.await("the tail", s -> s.contains("line 0"));
        for (int i = 1; i < 500; i++) {
            append(logs.resolve(i % 2 == 0 ? "db.log" : "web.log"), at(i), "line " + i);
        }
        first.await("500 lines", s -> s.lines().count() >= 500);
        second.await("500 lines", s -> s.lines().count() >= 500);
        // across services the order depends on when each follower looked; within a service it is the file's
        for (String service : List.of("db ", "web")) {
            List<String> expected = new ArrayList<>();
            for (int i = service.equals("db ") ? 0 : 1; i < 500; i += 2) {
                expected.add(service + "    | line " + i);
            }
            assertEquals(expected, first.text().lines().filter(l -> l.startsWith(service)).toList());
            assertEquals(expected, second.text().lines().filter(l -> l.startsWith(service)).toList());
        }
    }

    @Test
    void closingStdoutEndsTheFollowerCleanly() throws Exception {
        append(logs.resolve("db.log"), at(0), "first");
        Capture out = new Capture();
        CompletableFuture<LogsRun.Result> result = follow(out, "db");
        out.await("the tail", s -> s.contains("first"));
        out.close();
        append(logs.resolve("db.log"), at(1), "nobody reads this");
        LogsRun.Result r = result.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("", r.err());
    }
}

package dev.envy.it.hardening;

import dev.envy.it.support.Await;
import dev.envy.it.support.Projects;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HD-4: service logs on a file system that fills up, for real: {@code .envy/logs} is a 16 MiB tmpfs, a service writes
 * numbered lines, the test fills the file system, lets the service write on, then frees it. Mounting needs root; the
 * test is skipped, saying so, elsewhere.
 */
class FullDiskTest {
    @RegisterExtension
    final Projects projects = new Projects();

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String PAD = "x".repeat(80);
    private static final Pattern LINE = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z line (\\d{8}) "
            + PAD);
    private static final Pattern LOST = Pattern.compile("count\\.log can be written again; (no line|1 line|(\\d+) lines)"
            + " of count (was|were) lost while it could not be written");

    /** About 1 MB/s of numbered lines; after every 1000 the number reached goes to ./progress (not on the tmpfs). */
    private static final String COUNT = """
            #!/bin/bash
            i=0
            while :; do
                for ((k = 0; k < 1000; k++)); do i=$((i + 1)); printf 'line %%08d %s\\n' "$i"; done
                echo "$i" > progress.tmp && mv progress.tmp progress
                sleep 0.1
            done
            """.formatted(PAD);

    @Test
    void HD_4_aFullDiskLosesWholeLinesOnlyCountsThemAndWritesTheRestOnceInOrder() throws Exception {
        TestProject p = projects.withManifest("""
                version = 1
                [services.count]
                command = "./count.sh"
                """);
        p.writeFile("count.sh", COUNT);
        Path logs = p.dir().resolve(".envy/logs");
        Files.createDirectories(logs);
        Tmpfs.mountOrSkip(logs, "16m");
        Path filler = p.dir().resolve(".envy/logs/filler");
        try {
            p.run("up", "-d").assertOk();
            long before = awaitProgress(p, 2000);

            fill(filler);
            long full = progress(p);
            awaitProgress(p, full + 20_000); // about two seconds of lines while nothing can be written
            Files.delete(filler);
            Path daemonLog = logs.resolve("daemon.log");
            Await.until("daemon.log to say that count.log can be written again", DEADLINE,
                    () -> LOST.matcher(text(daemonLog)).find());
            long after = awaitProgress(p, progress(p) + 2000);
            p.run("services", "stop", "count").assertOk();

            List<Long> numbers = numbers(logs.resolve("count.log"));
            assertTrue(numbers.getFirst() == 1 && numbers.getLast() >= after,
                    "the log runs from line 1 to at least " + after + ": " + numbers.getFirst() + " … "
                            + numbers.getLast());
            long missing = numbers.getLast() - numbers.size();
            String daemon = text(daemonLog);
            Matcher lost = LOST.matcher(daemon);
            long reported = 0;
            int episodes = 0;
            while (lost.find()) {
                episodes++;
                reported += lost.group(2) != null ? Long.parseLong(lost.group(2)) : lost.group(1).equals("1 line") ? 1 : 0;
            }
            assertEquals(1, episodes, "one episode, reported once:\n" + daemon);
            assertTrue(missing > 1000, "lines were lost while the disk was full (" + before + " before it filled)");
            assertEquals(missing, reported, "daemon.log counts exactly the lines missing from count.log:\n" + daemon);
            assertTrue(daemon.contains("cannot write " + logs.resolve("count.log") + ": No space left on device"),
                    "the start of the episode is in daemon.log too:\n" + daemon);
        } finally {
            p.run("down");
            Files.deleteIfExists(filler);
            Tmpfs.unmount(logs);
        }
    }

    /** Writes zeros to {@code filler} until the file system is full. */
    private static void fill(Path filler) throws IOException {
        byte[] zeros = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(zeros);
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left on device")) {
                throw e;
            }
        }
    }

    private static long awaitProgress(TestProject p, long atLeast) {
        Await.until("the service to have written line " + atLeast + " (at " + progress(p) + ")", DEADLINE,
                () -> progress(p) >= atLeast);
        return progress(p);
    }

    private static long progress(TestProject p) {
        try {
            return Long.parseLong(Files.readString(p.dir().resolve("progress")).strip());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** The line numbers in {@code log}, asserting that every line is whole and that they rise strictly. */
    private static List<Long> numbers(Path log) throws IOException {
        List<Long> numbers = new ArrayList<>();
        byte[] all = Files.readAllBytes(log);
        assertTrue(all.length > 0 && all[all.length - 1] == '\n', "count.log ends with a whole line");
        for (String line : new String(all, StandardCharsets.UTF_8).split("\n")) {
            Matcher m = LINE.matcher(line);
            assertTrue(m.matches(), "a torn or mangled line in count.log: " + line);
            long n = Long.parseLong(m.group(1));
            assertTrue(numbers.isEmpty() || n > numbers.getLast(),
                    "line " + n + " after line " + (numbers.isEmpty() ? 0 : numbers.getLast()) + ": written twice or out of order");
            numbers.add(n);
        }
        return numbers;
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}

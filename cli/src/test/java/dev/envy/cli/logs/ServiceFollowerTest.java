package dev.envy.cli.logs;

import dev.envy.host.log.LogFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Rotation cases stepped by hand between polls, so each interleaving is tested deterministically. */
class ServiceFollowerTest {

    @TempDir
    Path logs;

    private Path log() {
        return logs.resolve("db.log");
    }

    private void write(String text) throws IOException {
        Files.writeString(log(), text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The daemon's rotation: .log.N shifted up, .log → .log.1; the new .log is only created by the next write. */
    private void rotate() throws IOException {
        for (int i = 20; i >= 1; i--) {
            Path from = logs.resolve("db.log." + i);
            if (Files.exists(from)) {
                Files.move(from, logs.resolve("db.log." + (i + 1)), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(log(), logs.resolve("db.log.1"));
    }

    private static List<String> text(List<byte[]> lines) {
        return lines.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void severalRotationsBetweenTwoPollsAreReadInOrder() throws IOException {
        try (ServiceFollower f = new ServiceFollower(logs, "db", null, 0)) {
            write("a1\n");
            assertEquals(List.of("a1"), text(f.poll()));
            write("a2\n");
            rotate();
            write("b1\n");
            rotate();
            write("c1\n");
            assertEquals(List.of("a2", "b1", "c1"), text(f.poll()));
            assertEquals(List.of(), text(f.poll()));
        }
    }

    @Test
    void aRotationSeenBeforeTheNewFileExistsLosesNothingAfterwards() throws IOException {
        try (ServiceFollower f = new ServiceFollower(logs, "db", null, 0)) {
            write("a1\n");
            assertEquals(List.of("a1"), text(f.poll()));
            write("a2\n");
            rotate(); // no .log for now
            assertEquals(List.of("a2"), text(f.poll()));
            write("b1\n");
            rotate(); // b was never seen as .log by the follower
            write("c1\n");
            assertEquals(List.of("b1", "c1"), text(f.poll()));
        }
    }

    @Test
    void theTailsFileRotatedBeforeFollowingStartsIsResumedWhereTheTailEnded() throws IOException {
        write("a1\na2\n");
        Object key = LogFiles.key(log());
        write("a3\n");
        rotate();
        write("b1\n");
        try (ServiceFollower f = new ServiceFollower(logs, "db", key, 6)) {
            assertEquals(List.of("a3", "b1"), text(f.poll()));
        }
    }

    @Test
    void followingStartsWhereTheTailEnded() throws IOException {
        write("a1\na2\n");
        try (ServiceFollower f = new ServiceFollower(logs, "db", LogFiles.key(log()), 3)) {
            assertEquals(List.of("a2"), text(f.poll()));
        }
    }

    @Test
    void aDeletedRotatedFileIsSkippedAndTheRestRead() throws IOException {
        try (ServiceFollower f = new ServiceFollower(logs, "db", null, 0)) {
            write("a1\n");
            assertEquals(List.of("a1"), text(f.poll()));
            rotate();
            assertEquals(List.of(), text(f.poll()));
            write("b1\n");
            rotate();
            Files.delete(logs.resolve("db.log.2")); // log-keep dropped a, which was fully read anyway
            write("c1\n");
            rotate();
            write("d1\n");
            assertEquals(List.of("b1", "c1", "d1"), text(f.poll()));
        }
    }

    @Test
    void anUnfinishedLineAtRotationIsReturnedAsALine() throws IOException {
        try (ServiceFollower f = new ServiceFollower(logs, "db", null, 0)) {
            write("a1\na2-no-newline");
            assertEquals(List.of("a1"), text(f.poll()));
            rotate();
            write("b1\n");
            assertEquals(List.of("a2-no-newline", "b1"), text(f.poll()));
        }
    }
}

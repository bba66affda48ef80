package dev.envy.it.hardening;

import dev.envy.it.support.Await;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A small tmpfs mounted for one test, so that a file system can really fill up. Needs root (CAP_SYS_ADMIN). */
final class Tmpfs {
    private Tmpfs() {
    }

    /** Mounts a tmpfs of {@code size} ({@code 16m}) on {@code dir}, or skips the test saying why it cannot. */
    static void mountOrSkip(Path dir, String size) throws IOException, InterruptedException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "mounting a small tmpfs needs root; this test runs as " + System.getProperty("user.name"));
        String failure = run(List.of("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700", "tmpfs",
                dir.toString()));
        Assumptions.assumeTrue(failure == null, "cannot mount a tmpfs on " + dir + ": " + failure);
    }

    /** Unmounts {@code dir} once nothing holds it open any more (the daemon exits a moment after {@code down}). */
    static void unmount(Path dir) throws IOException, InterruptedException {
        String[] failure = {null};
        try {
            Await.until("the tmpfs on " + dir + " to be unmounted", Duration.ofSeconds(10), () -> {
                try {
                    failure[0] = run(List.of("umount", dir.toString()));
                    return failure[0] == null;
                } catch (IOException e) {
                    failure[0] = e.getMessage();
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return true;
                }
            });
        } catch (AssertionError busy) {
            run(List.of("umount", "-l", dir.toString())); // detached: gone once its last user exits
            throw busy;
        }
    }

    /** Runs a command; null when it succeeded, else what it said. */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return String.join(" ", command) + " did not finish within 30 s";
        }
        return process.exitValue() == 0 ? null
                : String.join(" ", command) + " exited " + process.exitValue() + ": "
                        + new String(output, StandardCharsets.UTF_8).strip();
    }
}

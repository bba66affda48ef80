package dev.envy.it.export;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Boots this machine's own OS tree under a fresh systemd as PID 1 in a container:
 * {@code systemd-nspawn -q -D / --volatile=yes -b --register=no --keep-unit --private-network --console=pipe}, with
 * the given bind mounts and one unit to boot into, and returns once that systemd has exited (the unit's
 * {@code SuccessAction=exit}/{@code FailureAction=exit} make the container's exit code the unit's). The root is a
 * tmpfs with this machine's {@code /usr}, so nothing the container does reaches this machine except through the
 * binds. nspawn is wrapped in {@code timeout -k}, and the {@code payload/} and {@code supervisor/} cgroups that
 * {@code --keep-unit} leaves behind in our own cgroup are removed before and after.
 */
final class Nspawn {
    static final Path BINARY = Path.of("/usr/bin/systemd-nspawn");

    /** What the boot printed and how it ended. */
    record Boot(int exitCode, String stdout, String stderr) {
    }

    private Nspawn() {
    }

    /** Why a container cannot be booted here, or empty when it can be tried. */
    static Optional<String> unavailable() {
        if (!Files.isExecutable(BINARY)) {
            return Optional.of(BINARY + " is not installed (package systemd-container; .ci/run installs it)");
        }
        if (!isRoot()) {
            return Optional.of("systemd-nspawn boots a container only as root, and these tests run as uid "
                    + uid());
        }
        return Optional.empty();
    }

    /**
     * Boots into {@code unit}. {@code bindsReadOnly} and {@code binds} are {@code SOURCE:TARGET} or a path bound at
     * itself.
     */
    static Boot boot(String unit, List<String> bindsReadOnly, List<String> binds, Duration deadline) {
        removeLeftoverCgroups();
        List<String> command = new ArrayList<>(List.of("timeout", "-k", "5", Long.toString(deadline.toSeconds()),
                BINARY.toString(), "-q", "-D", "/", "--volatile=yes", "-b", "--register=no", "--keep-unit",
                "--private-network", "--console=pipe"));
        bindsReadOnly.forEach(b -> command.add("--bind-ro=" + b));
        binds.forEach(b -> command.add("--bind=" + b));
        command.add("systemd.unit=" + unit);
        try {
            Path out = Files.createTempFile("envy-nspawn-out-", ".txt");
            Path err = Files.createTempFile("envy-nspawn-err-", ".txt");
            try {
                Process p = new ProcessBuilder(command)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
                if (!p.waitFor(deadline.toSeconds() + 15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                    throw new AssertionError("systemd-nspawn outlived timeout -k by 15 s: " + String.join(" ", command));
                }
                return new Boot(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the container ran", e);
        } finally {
            removeLeftoverCgroups();
        }
    }

    /**
     * Removes {@code payload/} and {@code supervisor/} (with what is below them) from our own cgroup in every
     * hierarchy: {@code --keep-unit} makes them there and leaves them, empty, when the container is gone. A cgroup
     * that still holds a process cannot be removed and stays.
     */
    static void removeLeftoverCgroups() {
        List<Path> ours = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"), StandardCharsets.UTF_8)) {
                String[] parts = line.split(":", 3);
                if (parts.length < 3) {
                    continue;
                }
                String path = parts[2].startsWith("/") ? parts[2].substring(1) : parts[2];
                if (parts[1].isEmpty()) {
                    ours.add(Path.of("/sys/fs/cgroup/unified").resolve(path));
                    ours.add(Path.of("/sys/fs/cgroup").resolve(path));
                } else if (parts[1].equals("name=systemd")) {
                    ours.add(Path.of("/sys/fs/cgroup/systemd").resolve(path));
                }
            }
        } catch (IOException e) {
            return;
        }
        for (Path cgroup : ours) {
            for (String leftover : List.of("payload", "supervisor")) {
                Path dir = cgroup.resolve(leftover);
                if (!Files.isDirectory(dir) || !Files.exists(dir.resolve("cgroup.procs"))) {
                    continue;
                }
                try (Stream<Path> tree = Files.walk(dir)) {
                    tree.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).forEach(d -> {
                        try {
                            Files.delete(d);
                        } catch (IOException busy) {
                            // a process is still in it
                        }
                    });
                } catch (IOException | UncheckedIOException ignored) {
                    // gone meanwhile
                }
            }
        }
    }

    private static boolean isRoot() {
        return uid().equals("0");
    }

    private static String uid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Uid:")) {
                    return line.substring(4).trim().split("\\s+")[1];
                }
            }
        } catch (IOException ignored) {
            // not Linux: not root for our purpose
        }
        return "?";
    }
}

package dev.envy.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A throw-away envy project: a temp directory with an {@code envy.toml}, its own runtime dir
 * ({@code ENVY_RUNTIME_DIR}), its own HOME, and a record file (env var {@value #RECORD_VAR}) that fixture services
 * append events to, so tests assert order deterministically. {@link #close()} runs {@code envy down}, kills every
 * process group the test recorded and any process still carrying this project's environment, then deletes the dir.
 * Use it through {@link Projects} so cleanup runs after each test.
 */
public final class TestProject implements AutoCloseable {
    /** The env var naming the record file; fixture services do {@code echo "db started" >> "$RECORD"}. */
    public static final String RECORD_VAR = "RECORD";

    private final Path root;
    private final Path dir;
    private final Path runtimeDir;
    private final Path home;
    private final Path recordFile;
    private final Set<Long> processGroups = new LinkedHashSet<>();
    private Envy envy;

    private TestProject(Path root) {
        this.root = root;
        this.dir = root.resolve("project");
        this.runtimeDir = root.resolve("run");
        this.home = root.resolve("home");
        this.recordFile = root.resolve("record.log");
        try {
            Files.createDirectories(dir);
            Files.createDirectories(home);
            Files.createDirectory(runtimeDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.createFile(recordFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.envy = Envy.in(dir)
                .withEnv("ENVY_RUNTIME_DIR", runtimeDir.toString())
                .withEnv("HOME", home.toString())
                .withEnv(RECORD_VAR, recordFile.toString());
    }

    /** An empty project (no envy.toml yet). The temp root is short so socket paths stay under ~104 bytes. */
    public static TestProject empty() {
        try {
            Path base = Path.of("/tmp");
            Path root = Files.createTempDirectory(Files.isWritable(base) ? base : Path.of(System.getProperty("java.io.tmpdir")),
                    "envy-it-");
            return new TestProject(root.toRealPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A project whose envy.toml is {@code toml}. */
    public static TestProject withManifest(String toml) {
        TestProject p = empty();
        p.writeManifest(toml);
        return p;
    }

    /**
     * A copy of {@code manifests/NAME/} of the repository: every file in it except its state directory
     * {@code .envy/}, which a user's own run of the example leaves behind (logs, the manifest cache): a test starts
     * from the example as committed, whatever ran there before.
     */
    public static TestProject copyOf(String exampleName) {
        TestProject p = empty();
        Path source = Envy.home().resolve("manifests").resolve(exampleName);
        if (!Files.isDirectory(source)) {
            throw new IllegalArgumentException("no example manifest " + source);
        }
        Path state = source.resolve(".envy");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.startsWith(state)) {
                    continue;
                }
                Path target = p.dir.resolve(source.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The project directory (holds envy.toml). */
    public Path dir() {
        return dir;
    }

    public Path manifest() {
        return dir.resolve("envy.toml");
    }

    public Path runtimeDir() {
        return runtimeDir;
    }

    public Path home() {
        return home;
    }

    /** The project's {@code .envy/logs/NAME.log}. */
    public Path log(String name) {
        return dir.resolve(".envy/logs").resolve(name + ".log");
    }

    /** {@code bin/envy} set up for this project: its dir as working dir, its runtime dir, HOME and record file. */
    public Envy envy() {
        return envy;
    }

    /** Adds an environment variable to every later {@link #envy()} run. */
    public TestProject env(String name, String value) {
        envy = envy.withEnv(name, value);
        return this;
    }

    /** Runs {@code envy ARGS} in the project dir. */
    public Run run(String... args) {
        return envy.run(args);
    }

    public void writeManifest(String toml) {
        writeFile("envy.toml", toml);
    }

    /** Writes a file relative to the project dir; a {@code .sh} file is made executable. */
    public Path writeFile(String relative, String content) {
        try {
            Path f = dir.resolve(relative);
            Files.createDirectories(f.getParent());
            Files.writeString(f, content, StandardCharsets.UTF_8);
            if (relative.endsWith(".sh")) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file fixture services append events to ({@code $RECORD}). */
    public Path recordFile() {
        return recordFile;
    }

    /** The events recorded so far, one per line. */
    public List<String> records() {
        try {
            return new String(Files.readAllBytes(recordFile), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code event} has been recorded. */
    public void awaitRecord(String event, Duration deadline) {
        Await.until("record \"" + event + "\" in " + recordFile + " (have " + records() + ")", deadline,
                () -> records().contains(event));
    }

    /** Remembers a process group this test is responsible for; {@link #close()} kills it. */
    public void ownProcessGroup(long pgid) {
        processGroups.add(pgid);
    }

    /** Runs {@code envy down}, kills recorded process groups and leftovers of this project, deletes the files. */
    @Override
    public void close() {
        if (Files.exists(manifest())) {
            try {
                envy.withTimeout(Duration.ofSeconds(60)).run("down");
            } catch (AssertionError | RuntimeException e) {
                System.err.println("cleanup: envy down failed: " + e.getMessage());
            }
        }
        for (long pgid : processGroups) {
            killGroup(pgid);
        }
        // a daemon's JVM exits a moment after it released its lock (when `down` returns): give it that moment
        long patience = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (!leftovers().isEmpty() && System.nanoTime() < patience) {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000); // a poll with a deadline, as Await does
        }
        for (long pid : leftovers()) {
            System.err.println("cleanup: killing leftover process " + pid + " of " + dir + ": "
                    + ProcessHandle.of(pid).flatMap(ph -> ph.info().commandLine()).orElse("?"));
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        deleteTree(root);
    }

    /** Processes of this project still alive: the daemon (its command line names the dir) or a service (its env). */
    public List<Long> leftovers() {
        List<Long> found = new ArrayList<>();
        String marker = dir.toString();
        long self = ProcessHandle.current().pid();
        ProcessHandle.allProcesses().forEach(ph -> {
            if (ph.pid() == self) {
                return;
            }
            String cmd = ph.info().commandLine().orElse("");
            if (cmd.contains("--project") && cmd.contains(marker)) {
                found.add(ph.pid());
                return;
            }
            try {
                byte[] environ = Files.readAllBytes(Path.of("/proc", Long.toString(ph.pid()), "environ"));
                String text = new String(environ, StandardCharsets.UTF_8);
                if (text.contains("ENVY_PROJECT=" + marker + "\0") || text.contains(RECORD_VAR + "=" + recordFile + "\0")) {
                    found.add(ph.pid());
                }
            } catch (IOException | SecurityException ignored) {
                // gone, or not ours to read
            }
        });
        return found;
    }

    private static void killGroup(long pgid) {
        try {
            Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + pgid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException e) {
            System.err.println("cleanup: could not kill process group " + pgid + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException ignored) {
                    // a socket or file still in use; /tmp is cleaned by the OS
                }
            });
        } catch (IOException ignored) {
            // already gone
        }
    }
}

package dev.envy.it.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code bin/envy} (from system property {@code envy.home}) as a user would: in a working directory,
 * with an environment of our choosing, stdin from /dev/null, output captured to files (so a daemon that inherited
 * a descriptor can never make us wait), and a deadline. Immutable: each {@code with*} returns a copy.
 */
public final class Envy {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(90);

    private final Path executable;
    private final boolean lookUpInPath;
    private final Path workDir;
    private final Map<String, String> env;
    private final Duration timeout;

    private Envy(Path executable, Path workDir, Map<String, String> env, Duration timeout) {
        this(executable, false, workDir, env, timeout);
    }

    private Envy(Path executable, boolean lookUpInPath, Path workDir, Map<String, String> env, Duration timeout) {
        this.executable = executable;
        this.lookUpInPath = lookUpInPath;
        this.workDir = workDir;
        this.env = Map.copyOf(env);
        this.timeout = timeout;
    }

    /** bin/envy of the repository under test, run in {@code workDir} with a clean copy of this JVM's environment. */
    public static Envy in(Path workDir) {
        return new Envy(home().resolve("bin/envy"), workDir, baseEnvironment(), DEFAULT_TIMEOUT);
    }

    /** The repository root (system property {@code envy.home}, set by failsafe). */
    public static Path home() {
        String home = System.getProperty("envy.home");
        if (home == null || home.isBlank()) {
            throw new IllegalStateException("system property envy.home is not set (failsafe sets it to the repository root)");
        }
        return Path.of(home).toAbsolutePath().normalize();
    }

    /** A cache dir shared by every test of the run, so the CLI's start-up cache is made once. */
    public static Path sharedCacheDir() {
        return home().resolve("integration-tests/target/envy-cache");
    }

    private static Map<String, String> baseEnvironment() {
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("ENVY_") || k.equals("XDG_RUNTIME_DIR") || k.equals("XDG_STATE_HOME"));
        env.put("XDG_CACHE_HOME", sharedCacheDir().toString());
        env.put("TERM", "dumb");
        env.remove("NO_COLOR");
        return env;
    }

    public Envy withWorkDir(Path dir) {
        return new Envy(executable, lookUpInPath, dir, env, timeout);
    }

    public Envy withEnv(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(env);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return new Envy(executable, lookUpInPath, workDir, copy, timeout);
    }

    public Envy withTimeout(Duration t) {
        return new Envy(executable, lookUpInPath, workDir, env, t);
    }

    /** Runs {@code name} as found on the run's own {@code PATH} (through /bin/sh), as a user typing it would. */
    public Envy withCommandFromPath(String name) {
        return new Envy(Path.of(name), true, workDir, env, timeout);
    }

    /** Runs another launcher path (e.g. a symlink to bin/envy). */
    public Envy withExecutable(Path path) {
        return new Envy(path, workDir, env, timeout);
    }

    public Path workDir() {
        return workDir;
    }

    public Map<String, String> env() {
        return env;
    }

    /** Runs {@code envy ARGS} to completion (or fails the test at the deadline, killing what it started). */
    public Run run(String... args) {
        return start(args).await(timeout);
    }

    /** Starts {@code envy ARGS} without waiting, e.g. for {@code envy up} in the foreground. */
    public Running start(String... args) {
        List<String> command = new ArrayList<>();
        if (lookUpInPath) {
            command.addAll(List.of("/bin/sh", "-c", "exec \"$0\" \"$@\""));
        }
        command.add(executable.toString());
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("envy-it-out-", ".txt");
            Path err = Files.createTempFile("envy-it-err-", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            return new Running(command, pb.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        }
    }

    /** A started {@code envy} process. */
    public static final class Running {
        private final List<String> command;
        private final Process process;
        private final Path out;
        private final Path err;

        Running(List<String> command, Process process, Path out, Path err) {
            this.command = command;
            this.process = process;
            this.out = out;
            this.err = err;
        }

        public Process process() {
            return process;
        }

        public long pid() {
            return process.pid();
        }

        /** What it printed so far. */
        public String stdoutSoFar() {
            return read(out);
        }

        public String stderrSoFar() {
            return read(err);
        }

        /** Waits for the exit; at the deadline kills the process and its descendants and fails the test. */
        public Run await(Duration deadline) {
            try {
                if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                    throw new AssertionError("timed out after " + Await.seconds(deadline) + " waiting for `"
                            + String.join(" ", command) + "` to exit\n--- stdout ---\n" + read(out)
                            + "--- stderr ---\n" + read(err));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + command, e);
            }
            Run run = new Run(command, process.exitValue(), read(out), read(err));
            deleteQuietly(out);
            deleteQuietly(err);
            return run;
        }

        private static String read(Path file) {
            try {
                return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }

        private static void deleteQuietly(Path file) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file; the OS cleans up
            }
        }
    }
}

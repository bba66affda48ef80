package dev.envy.daemon;

import dev.envy.core.protocol.Request;
import dev.envy.host.client.DaemonConnector;
import dev.envy.host.client.Deadlines;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Makes the daemon's ahead-of-time cache (JDK 25 {@code -XX:AOTCacheOutput}, docs/startup.md). The client's
 * {@code DaemonLauncher} starts it in the background, at low priority, when the cache is missing or older than the
 * daemon's jar: {@code DaemonAotTraining CACHE JVM-FLAGS...}. At most one runs per cache (a lock next to it); it runs a
 * training JVM with the daemon's flags, its own classpath and {@code --train}, in a fresh private runtime directory,
 * and renames the cache into place whole once that JVM has written it, or leaves {@code CACHE.failed} so that no
 * launcher tries again before the next build. A cache that is never made only costs start-up time.
 *
 * <p>With {@code --train} it is the training workload: a real daemon for a throw-away project of a few services,
 * driven through its socket by the daemon client with up, status, stop and down, so that the cache holds the classes a daemon loads and
 * links on its usual path (manifest parsing, the socket server, spawning, logs, state), one of them a service that
 * prints a flood of lines.
 */
public final class DaemonAotTraining {

    private static final long PATIENCE_MILLIS = 30_000;
    /** The whole training JVM, cache writing included; past it the training counts as failed. */
    private static final long TRAINING_MILLIS = 180_000;
    /**
     * Lines of 100 bytes the training's one-shot service prints: enough for the log path (reading the pipe, cutting
     * lines, stamping, writing, rotating, flushing) to be loaded, linked and run as a flood runs it.
     */
    static final int FLOOD_LINES = 50_000;
    private static final String MANIFEST = """
            version = 1

            [services.db]
            command = "echo db ready; exec sleep 1000"
            readiness.log = "ready$"

            [services.web]
            command = "exec sleep 1000"
            depends-on = ["db"]

            [services.once]
            command = "echo done; seq -f '%%099.0f' 1 %d"
            """.formatted(FLOOD_LINES);

    private DaemonAotTraining() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--train")) {
            try {
                train();
            } catch (Exception e) {
                System.err.println("envy: the daemon's training run failed: " + e);
                System.exit(1);
            }
            // the JVM writes the cache as it exits; a training daemon still running must not keep it waiting
            System.exit(0);
        } else if (args.length >= 1) {
            System.exit(make(Path.of(args[0]), List.of(args).subList(1, args.length)) ? 0 : 1);
        } else {
            System.err.println("usage: DaemonAotTraining CACHE JVM-FLAGS... | DaemonAotTraining --train");
            System.exit(2);
        }
    }

    /** Runs the training JVM and puts its cache in place; false if it failed (then CACHE.failed exists). */
    static boolean make(Path cache, List<String> jvmFlags) throws IOException, InterruptedException {
        Files.createDirectories(cache.toAbsolutePath().getParent());
        Path failed = cache.resolveSibling(cache.getFileName() + ".failed");
        try (FileChannel lockFile = FileChannel.open(cache.resolveSibling(cache.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                return true; // another launcher's training is making it
            }
            Path temp = cache.resolveSibling(cache.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
            // what the training JVM printed: kept in CACHE.failed when it fails, so that the reason can be read
            Path output = temp.resolveSibling(temp.getFileName() + ".out");
            Path runtime = Files.createTempDirectory("envy-aot-run",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            try {
                List<String> command = new ArrayList<>();
                command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.addAll(jvmFlags);
                command.addAll(List.of("-XX:AOTCacheOutput=" + temp, "-Xlog:aot=off", "-Xlog:cds=off",
                        "-cp", System.getProperty("java.class.path"), DaemonAotTraining.class.getName(), "--train"));
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(output.toFile())
                        .redirectErrorStream(true);
                builder.environment().put("ENVY_RUNTIME_DIR", runtime.toString());
                Process training = builder.start();
                boolean exited = training.waitFor(TRAINING_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (!exited) {
                    training.descendants().forEach(ProcessHandle::destroyForcibly); // its services, then itself
                    training.destroyForcibly();
                    training.waitFor(PATIENCE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
                }
                boolean made = exited && training.exitValue() == 0 && Files.exists(temp) && Files.size(temp) > 0;
                if (made) {
                    Files.move(temp, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    Files.deleteIfExists(failed);
                } else {
                    String why = exited ? "the training JVM exited with " + training.exitValue()
                            : "the training JVM did not exit within " + TRAINING_MILLIS + " ms";
                    Files.writeString(failed, why + "\n" + new String(Files.readAllBytes(output), java.nio.charset.StandardCharsets.UTF_8));
                }
                return made;
            } catch (IOException e) {
                Files.writeString(failed, e.getMessage() == null ? "" : e.getMessage());
                return false;
            } finally {
                Files.deleteIfExists(temp);
                Files.deleteIfExists(output);
                Files.deleteIfExists(temp.resolveSibling(temp.getFileName() + ".config"));
                deleteTree(runtime);
            }
        }
    }

    private static void train() throws Exception {
        Path project = Files.createTempDirectory("envy-aot-training").toRealPath();
        try {
            Files.writeString(project.resolve("envy.toml"), MANIFEST);
            Thread daemon = new Thread(() -> Daemon.run(project), "envy-training-daemon");
            daemon.start();
            DaemonConnector client = DaemonConnector.forProject(project, System.getenv(), Deadlines.DEFAULT);
            long deadline = System.currentTimeMillis() + PATIENCE_MILLIS;
            // the daemon serves a moment after it started: ask until it answers
            while (client.call(new Request.Status(List.of()), r -> { }, DaemonConnector.Start.NEVER).isEmpty()) {
                if (System.currentTimeMillis() > deadline || !daemon.isAlive()) {
                    throw new IllegalStateException("the training daemon did not serve its socket");
                }
                Thread.sleep(10);
            }
            call(client, new Request.Up(true, PATIENCE_MILLIS));
            call(client, new Request.Status(List.of()));
            call(client, new Request.Stop(List.of(), true));
            call(client, new Request.Down());
            daemon.join(PATIENCE_MILLIS);
            if (daemon.isAlive()) {
                throw new IllegalStateException("the training daemon did not exit after down");
            }
        } finally {
            deleteTree(project);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** One request through the client; returns once the final answer arrived. */
    private static void call(DaemonConnector client, Request request) throws IOException {
        client.call(request, r -> { }, DaemonConnector.Start.NEVER)
                .orElseThrow(() -> new IllegalStateException("the training daemon went away before " + request.tag()));
    }
}

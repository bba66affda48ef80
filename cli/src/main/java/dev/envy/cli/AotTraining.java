package dev.envy.cli;

import dev.envy.core.protocol.Codec;
import dev.envy.core.protocol.ProtocolException;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.core.protocol.ServiceView;
import dev.envy.host.client.AotCacheCheck;
import dev.envy.host.client.Deadlines;
import dev.envy.host.client.SocketLink;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The training run behind the CLI's ahead-of-time cache: {@code bin/envy} runs this once per build under
 * {@code -XX:AOTCacheOutput} (JDK 25), and every later {@code envy} maps the classes it loaded, already parsed and
 * linked, instead of reading them from the jars (docs/startup.md).
 *
 * <p>It runs the commands users run most, in process and with their output discarded, against a throw-away
 * project: first with no daemon, then beside a {@link TrainingDaemon} (a thread that answers as a daemon would), so
 * that the paths of both are in the cache. No process is started, nothing outside a temporary directory is
 * written. Exit code 0, or 1 with the reason on stderr (bin/envy then runs without a cache).
 */
public final class AotTraining {
    private AotTraining() {
    }

    /** A manifest that touches most of the loader: vars, hooks, profiles, every readiness kind, restart policies. */
    private static final String MANIFEST = """
            version = 1

            [vars]
            GREETING = "hello"
            DB_URL = "postgres://localhost:${PORT}/app"
            PORT = "5432"

            [hook]
            on-activate = 'export HOOKED=1'
            on-deactivate = 'true'

            [profile]
            common = 'alias ll="ls -l"'
            bash = 'true'
            zsh = 'true'
            fish = 'true'

            [options]
            log-max-size = "10MB"
            log-keep = 3

            [services.db]
            command = "exec sleep 100000"
            readiness = { log = "ready" }
            stop-signal = "SIGINT"

            [services.migrate]
            command = "true"
            depends-on = { db = "ready" }

            [services.web]
            command = "exec sleep 100000"
            depends-on = { migrate = "completed", cache = "started" }
            readiness = { http = "http://127.0.0.1:8080/health", interval = "100ms", timeout = "5s" }
            restart = "on-failure"
            max-restarts = 5
            restart-delay = "1s"

            [services.cache]
            command = "exec sleep 100000"
            readiness = { tcp = "127.0.0.1:6379" }
            restart = "always"
            """;

    public static void main(String[] args) {
        AotCacheCheck.atStart(); // what Main does first (a no-op here: no cache is given to a training run)
        try {
            train();
        } catch (Exception | LinkageError e) {
            System.err.println("envy: the start-up cache's training run failed: " + e);
            System.exit(1);
        }
        System.exit(0);
    }

    private static void train() throws IOException, ProtocolException {
        Path root = Files.createTempDirectory("envy-aot-training");
        try {
            Path project = Files.createDirectories(root.resolve("project"));
            Path runtime = Files.createDirectories(root.resolve("run"));
            Files.writeString(project.resolve("envy.toml"), MANIFEST);
            // a state directory, so the first command fills the manifest cache and the others read it
            Files.createDirectories(project.resolve(".envy"));
            Path plan = Files.createFile(root.resolve("plan"));

            Map<String, String> env = new HashMap<>(System.getenv());
            env.keySet().removeIf(k -> k.startsWith("ENVY_"));
            env.put("ENVY_RUNTIME_DIR", runtime.toString());
            env.put("ENVY_PLAN", plan.toString());
            env.put("ENVY_LAUNCHER_PID", Long.toString(ProcessHandle.current().pid()));
            env.put("HOME", root.toString());
            env.put("SHELL", "/bin/bash");
            CliContext context = new CliContext(project, env, dev.envy.core.manifest.Systems.current(),
                    InstantSource.system(), c -> new SocketLink(c.env(), Deadlines.DEFAULT));

            for (List<String> command : List.of(
                    List.of("--version"),
                    List.of("--help"),
                    List.of("services", "status"),
                    List.of("services", "status", "--json"),
                    List.of("services", "status", "web"),
                    List.of("services", "status", "nosuch"),
                    List.of("check"),
                    List.of("activate", "--print-script", "--shell", "bash"),
                    List.of("activate", "--print-script", "--shell", "zsh"),
                    List.of("activate", "--print-script", "--shell", "fish"),
                    List.of("activate", "--no-start-services", "--", "true"),
                    List.of("services", "logs", "-n", "10"),
                    List.of("services", "stop"),
                    List.of("down"),
                    List.of("daemon", "status"),
                    List.of("completion", "--services"),
                    List.of("services", "statsu"))) {
                Main.run(command.toArray(String[]::new), context, discard(), discard());
            }
            // the same commands as they run beside a daemon: connect, handshake, request, answer, print
            try (TrainingDaemon daemon = TrainingDaemon.start(project.toRealPath(), env)) {
                for (List<String> command : List.of(
                        List.of("services", "status"),
                        List.of("services", "status", "--json"),
                        List.of("services", "status", "web"),
                        List.of("activate", "--no-start-services", "--", "true"),
                        List.of("daemon", "status"),
                        List.of("services", "stop", "web"),
                        List.of("down"))) {
                    Main.run(command.toArray(String[]::new), context, discard(), discard());
                }
            }
            codecRoundTrips();
            // the JDK's one-time Unix socket set-up, which every command that talks to a daemon pays
            java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX).close();
        } finally {
            deleteTree(root);
        }
    }

    /** The messages of a status and a start, both ways through the wire codec. */
    private static void codecRoundTrips() throws ProtocolException {
        Codec.decodeRequest(Codec.encode(new Request.Status(List.of())));
        Codec.decodeRequest(Codec.encode(new Request.Status(List.of("web"))));
        ServiceView view = new ServiceView("web", "running", true, 4242, 1_000, 1_000, 0, -1, null, null);
        Codec.decodeResponse(Codec.encode(new Response.StatusReport(List.of(view, view), false, 1, false)));
    }

    private static PrintWriter discard() {
        return new PrintWriter(Writer.nullWriter());
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}

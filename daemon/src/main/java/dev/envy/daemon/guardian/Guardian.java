package dev.envy.daemon.guardian;

import dev.envy.core.lifecycle.Effect;
import dev.envy.core.runtime.ProjectPaths;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * CS-12: the per-environment guardian, a bash process in its own session ({@code setsid}) whose stdin is a pipe
 * only this daemon holds (services are spawned with every descriptor above stderr closed): when the daemon dies,
 * however it dies, the kernel closes the pipe and the guardian sees end of file. It then stops the service process
 * groups as the daemon would (SP-3, SP-5): dependents first, level by level, each level's groups at once — the stop
 * signal, or the {@code shutdown.command} run with the service's environment in its working directory — and SIGKILL
 * to a group still there after its stop-timeout, before the next level; each step goes to daemon.log.
 *
 * <p>What it stops is what this daemon last wrote, with every state.json, to {@code guardian.stops} (0600, in the
 * runtime directory): the same stop description state.json records ({@link Effect.LiveProcess}), with the stop
 * levels, as NUL-separated fields bash reads with {@code mapfile} once, at the end; last, it kills what is left in
 * the services' cgroups and removes them (HD-12: the daemon hands it the cgroup it made for them, so the guardian
 * need not work out where that is). Nothing is sent through the pipe:
 * the guardian costs nothing while the daemon lives. A daemon that stopped everything removes the file before it
 * closes the pipe, so its guardian exits without a word. Not a JVM: it costs one bash (about 4 MB) per environment.
 */
public final class Guardian implements AutoCloseable {
    private final CompletableFuture<Process> process;
    private final Path stops;
    private final ProjectPaths project;

    private Guardian(CompletableFuture<Process> process, Path stops, ProjectPaths project) {
        this.process = process;
        this.stops = stops;
        this.project = project;
    }

    /**
     * Starts the guardian of the daemon of {@code project}, which reads {@code stops} once that daemon is gone and then
     * ends {@code cgroups}, the cgroup the daemon made for its services' own (HD-12), when there is one. The
     * process is started on a thread of its own (the JVM's first process start costs tens of milliseconds, more on a
     * busy machine, and nothing waits for it): {@code started} gets its pid, {@code failed} why it could not start.
     */
    public static Guardian start(ProjectPaths project, Path stops, java.util.Optional<Path> cgroups,
                                 LongConsumer started, Consumer<String> failed) {
        CompletableFuture<Process> process = new CompletableFuture<>();
        try {
            Files.deleteIfExists(stops); // a killed predecessor's, whose guardian was killed too
        } catch (IOException e) {
            failed.accept("cannot remove " + stops + ": " + e.getMessage());
        }
        Thread.ofPlatform().daemon(true).name("envy-guardian-start").start(() -> {
            try {
                Process p = startProcess(project, stops, cgroups);
                started.accept(p.pid());
                process.complete(p);
            } catch (IOException | RuntimeException e) {
                failed.accept(e.getMessage());
                process.completeExceptionally(e);
            }
        });
        return new Guardian(process, stops, project);
    }

    private static Process startProcess(ProjectPaths project, Path stops, java.util.Optional<Path> cgroups)
            throws IOException {
        String script;
        try (InputStream in = Guardian.class.getResourceAsStream("guardian.bash")) {
            if (in == null) {
                throw new IOException("missing resource guardian.bash next to " + Guardian.class.getName());
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ProcessBuilder builder = new ProcessBuilder("setsid", "bash", "-c", script, "envy-guardian",
                project.daemonLog().toString(), stops.toString(), cgroups.map(Path::toString).orElse(""))
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(project.daemonLog().toFile()))
                .redirectErrorStream(true);
        return builder.start();
    }

    /** Records how to stop the live process groups {@code state} names (all of them, replacing what was recorded). */
    public synchronized void record(Effect.PersistState state) throws IOException {
        Path temp = stops.resolveSibling(stops.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            out.write(fields(state));
        } catch (UnsupportedOperationException e) {
            throw new IOException(e);
        }
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        try {
            Files.move(temp, stops, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, stops, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Each group as NUL-terminated fields, in stop-level order: pgid, start time, stop signal number, stop-timeout in
     * ms, stop level, service, its log file, its working directory (absolute), its shutdown command (empty: none),
     * the number of environment entries and each entry as {@code NAME=VALUE}.
     */
    byte[] fields(Effect.PersistState state) {
        Map<String, Integer> levelOf = new HashMap<>();
        for (int i = 0; i < state.stopLevels().size(); i++) {
            for (String name : state.stopLevels().get(i)) {
                levelOf.put(name, i);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Effect.LiveProcess> ordered = state.processes().stream()
                .sorted(java.util.Comparator.comparingInt(p -> levelOf.getOrDefault(p.service(), 0))).toList();
        for (Effect.LiveProcess p : ordered) {
            String command = p.stop().shutdownCommand().orElse("");
            Map<String, String> environment = command.isEmpty() ? Map.of() : p.environment();
            field(out, p.pid());
            field(out, p.startTime());
            field(out, p.stop().signal().number());
            field(out, p.stop().timeout().toMillis());
            field(out, levelOf.getOrDefault(p.service(), 0));
            field(out, p.service());
            field(out, project.serviceLog(p.service()));
            field(out, project.projectDir().resolve(p.workingDir()).normalize());
            field(out, command);
            field(out, environment.size());
            environment.forEach((name, value) -> field(out, name + "=" + value));
        }
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, Object value) {
        out.writeBytes(String.valueOf(value).replace('\0', ' ').getBytes(StandardCharsets.UTF_8));
        out.write(0);
    }

    /**
     * The daemon is done (every service stopped): no record, then end of file; the guardian exits without a word. Waits
     * for the guardian's start if it is still under way.
     */
    @Override
    public synchronized void close() throws IOException {
        Files.deleteIfExists(stops);
        try {
            process.join().getOutputStream().close();
        } catch (java.util.concurrent.CompletionException e) {
            // it never started: nothing to dismiss
        }
    }
}

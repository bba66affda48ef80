package dev.envy.daemon.probe;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One run of a command check: {@code bash -c COMMAND} with exactly the service's environment, output discarded,
 * passed on exit 0. A run over its time bound is killed with its descendants and counts as a failure.
 */
final class CommandAttempt implements Probes.Attempt {

    private final String command;
    private final Map<String, String> environment;
    private final Path workingDir;
    private final Duration timeout;
    private final ScheduledExecutorService scheduler;
    private volatile Process running;
    private volatile boolean cancelled;

    CommandAttempt(String command, Map<String, String> environment, Path workingDir, Duration timeout,
                   ScheduledExecutorService scheduler) {
        this.command = command;
        this.environment = environment;
        this.workingDir = workingDir;
        this.timeout = timeout;
        this.scheduler = scheduler;
    }

    @Override
    public CompletableFuture<Boolean> get() {
        if (cancelled) {
            return CompletableFuture.completedFuture(false);
        }
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command)
                .directory(workingDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return CompletableFuture.completedFuture(false);
        }
        running = process;
        var killer = scheduler.schedule(() -> kill(process), timeout.toMillis(), TimeUnit.MILLISECONDS);
        return process.onExit().thenApply(p -> {
            killer.cancel(false);
            return !cancelled && p.exitValue() == 0;
        });
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public void cancel() {
        cancelled = true;
        Process process = running;
        if (process != null && process.isAlive()) {
            kill(process);
        }
    }
}

package dev.envy.daemon;

import dev.envy.daemon.loop.LogSink;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code hook.on-deactivate} with bash once the last activation ended and the services stopped; bounded. */
public final class DeactivateHook {
    public static final Duration DEADLINE = Duration.ofSeconds(30);

    private DeactivateHook() {
    }

    public static void run(String script, Map<String, String> environment, Path projectDir, LogSink log) {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).directory(projectDir.toFile())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(environment);
        log.info("running hook.on-deactivate");
        try {
            Process p = builder.start();
            Thread reader = Thread.ofPlatform().daemon(true).name("envy-deactivate-hook").start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        log.info("hook.on-deactivate | " + line);
                    }
                } catch (IOException ignored) {
                    // the hook's output ended early; its exit status tells the rest
                }
            });
            if (!p.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                log.warn("hook.on-deactivate did not finish within " + DEADLINE.toSeconds() + "s and was killed");
                return;
            }
            reader.join(Duration.ofSeconds(2));
            if (p.exitValue() != 0) {
                log.warn("hook.on-deactivate exited with code " + p.exitValue());
            }
        } catch (IOException e) {
            log.warn("could not run hook.on-deactivate: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.envy.it.activate;

import dev.envy.it.support.Await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private tmux server (its own socket file) whose windows are real terminals for real shells: keys go in with
 * {@code send-keys}, the screen comes back with {@code capture-pane}. {@link #close()} kills the server, which
 * hangs up every terminal it holds.
 */
final class Tmux implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(60);

    private final Path socket;
    private final Map<String, String> env;

    /** A server whose shells get exactly {@code env}; the socket lives in {@code dir}. */
    Tmux(Path dir, Map<String, String> env) {
        this.socket = dir.resolve("tmux.sock");
        this.env = Map.copyOf(env);
    }

    /** Opens window {@code name} running {@code command} (a shell) in {@code workDir}. */
    void open(String name, Path workDir, String command) {
        tmux("new-session", "-d", "-s", name, "-x", "200", "-y", "50", "-c", workDir.toString(), command);
    }

    /** Types {@code line} and Enter in window {@code name}. */
    void type(String name, String line) {
        tmux("send-keys", "-t", name, "-l", line);
        tmux("send-keys", "-t", name, "Enter");
    }

    /**
     * Sends {@code keys} to window {@code name}, each either text (typed as it is) or a key name tmux knows
     * ({@code Tab}, {@code Enter}, {@code C-c}), without a final Enter: for completion, a Tab is a key press.
     */
    void typeKeys(String name, String... keys) {
        for (String key : keys) {
            if (key.equals("Tab") || key.equals("Enter") || key.startsWith("C-")) {
                tmux("send-keys", "-t", name, key);
            } else {
                tmux("send-keys", "-t", name, "-l", key);
            }
        }
    }

    /** The visible screen of window {@code name} plus its scrollback. */
    String screen(String name) {
        return tmux("capture-pane", "-p", "-J", "-S", "-2000", "-t", name);
    }

    /** Waits until the screen of {@code name} contains {@code text}. */
    void await(String name, String text) {
        Await.until("\"" + text + "\" on the terminal of " + name, DEADLINE, () -> screen(name).contains(text));
    }

    /** Waits for {@code text} and fails with the screen's content when it does not come. */
    void expect(String name, String text) {
        try {
            await(name, text);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the screen:\n" + safeScreen(name), e);
        }
    }

    /** The PID of the process in the window's pane (the shell tmux started). */
    long panePid(String name) {
        return Long.parseLong(tmux("display-message", "-p", "-t", name, "#{pane_pid}").strip());
    }

    /** Whether the window still exists. */
    boolean has(String name) {
        return run(List.of("has-session", "-t", name)).exitCode == 0;
    }

    /** Closes the window as closing a terminal does: its pty goes away and the shell gets SIGHUP. */
    void kill(String name) {
        tmux("kill-session", "-t", name);
    }

    private String safeScreen(String name) {
        try {
            return screen(name);
        } catch (RuntimeException | AssertionError e) {
            return "(gone: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        run(List.of("kill-server"));
    }

    private String tmux(String... args) {
        Result r = run(List.of(args));
        if (r.exitCode != 0) {
            throw new AssertionError("tmux " + String.join(" ", args) + " failed (" + r.exitCode + "): " + r.output);
        }
        return r.output;
    }

    private record Result(int exitCode, String output) {}

    private Result run(List<String> args) {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString(), "-f", "/dev/null"));
        command.addAll(args);
        try {
            Path out = Files.createTempFile("envy-tmux-", ".txt");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
                pb.environment().clear();
                pb.environment().putAll(env);
                Process p = pb.start();
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError("tmux " + args + " did not finish within 20s");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running tmux", e);
        }
    }
}

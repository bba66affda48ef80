package dev.envy.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A private tmux server (its own socket file) whose windows are real terminals for real shells: keys go in with
 * {@code send-keys}, the screen comes back with {@code capture-pane}. {@link #close()} kills the server, which
 * hangs up every terminal it holds.
 */
public final class Tmux implements AutoCloseable {
    public static final Duration DEADLINE = Duration.ofSeconds(60);

    private final Path socket;
    private final Map<String, String> env;

    /** A server whose shells get exactly {@code env}; the socket lives in {@code dir}. */
    public Tmux(Path dir, Map<String, String> env) {
        this.socket = dir.resolve("tmux.sock");
        this.env = Map.copyOf(env);
    }

    /** Opens window {@code name} running {@code command} (a shell) in {@code workDir}. */
    public void open(String name, Path workDir, String command) {
        open(name, workDir, command, 200, 50);
    }

    /** Opens window {@code name}, {@code columns} × {@code rows}, running {@code command} in {@code workDir}. */
    public void open(String name, Path workDir, String command, int columns, int rows) {
        tmux("new-session", "-d", "-s", name, "-x", Integer.toString(columns), "-y", Integer.toString(rows),
                "-c", workDir.toString(), command);
    }

    /** Resizes window {@code name} as dragging a terminal's corner does: its program gets SIGWINCH. */
    public void resize(String name, int columns, int rows) {
        tmux("resize-window", "-t", name, "-x", Integer.toString(columns), "-y", Integer.toString(rows));
    }

    /** Types {@code line} and Enter in window {@code name}. */
    public void type(String name, String line) {
        tmux("send-keys", "-t", name, "-l", line);
        tmux("send-keys", "-t", name, "Enter");
    }

    /** The key names {@link #typeKeys} sends as keys rather than as text. */
    private static final Set<String> KEY_NAMES = Set.of("Tab", "Enter", "Escape", "Up", "Down", "Left", "Right",
            "PageUp", "PageDown", "Home", "End", "BSpace");

    /**
     * Sends {@code keys} to window {@code name}, each either text (typed as it is) or a key name tmux knows
     * ({@code Tab}, {@code Enter}, {@code Escape}, {@code Up}, {@code PageUp}, {@code C-c}…), without a final Enter:
     * for completion, a Tab is a key press.
     */
    public void typeKeys(String name, String... keys) {
        for (String key : keys) {
            if (KEY_NAMES.contains(key) || key.startsWith("C-")) {
                tmux("send-keys", "-t", name, key);
            } else {
                tmux("send-keys", "-t", name, "-l", key);
            }
        }
    }

    /** The visible screen of window {@code name} plus its scrollback. */
    public String screen(String name) {
        return tmux("capture-pane", "-p", "-J", "-S", "-2000", "-t", name);
    }

    /** Only what window {@code name} shows now, one line per row (a full-screen program's frame). */
    public String visible(String name) {
        return tmux("capture-pane", "-p", "-t", name);
    }

    /** Waits until what window {@code name} shows now contains {@code text}; fails with the screen. */
    public void expectVisible(String name, String text) {
        try {
            Await.until("\"" + text + "\" on the screen of " + name, DEADLINE, () -> visible(name).contains(text));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the screen:\n" + safeScreen(name), e);
        }
    }

    /** Waits until what window {@code name} shows no longer contains {@code text}; fails with the screen. */
    public void expectGone(String name, String text) {
        try {
            Await.until("\"" + text + "\" to leave the screen of " + name, DEADLINE,
                    () -> !visible(name).contains(text));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the screen:\n" + safeScreen(name), e);
        }
    }

    /** Waits until the screen of {@code name} contains {@code text}. */
    public void await(String name, String text) {
        Await.until("\"" + text + "\" on the terminal of " + name, DEADLINE, () -> screen(name).contains(text));
    }

    /** Waits for {@code text} and fails with the screen's content when it does not come. */
    public void expect(String name, String text) {
        try {
            await(name, text);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the screen:\n" + safeScreen(name), e);
        }
    }

    /** Whether window {@code name} shows its alternate screen (a full-screen program's) rather than the normal one. */
    public boolean alternateScreen(String name) {
        return tmux("display-message", "-p", "-t", name, "#{alternate_on}").strip().equals("1");
    }

    /** Whether window {@code name} shows its cursor. */
    public boolean cursorVisible(String name) {
        return tmux("display-message", "-p", "-t", name, "#{cursor_flag}").strip().equals("1");
    }

    /** The PID of the process in the window's pane (the shell tmux started). */
    public long panePid(String name) {
        return Long.parseLong(tmux("display-message", "-p", "-t", name, "#{pane_pid}").strip());
    }

    /** Whether the window still exists. */
    public boolean has(String name) {
        return run(List.of("has-session", "-t", name)).exitCode == 0;
    }

    /** Closes the window as closing a terminal does: its pty goes away and the shell gets SIGHUP. */
    public void kill(String name) {
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

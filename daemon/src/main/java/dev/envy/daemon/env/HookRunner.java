package dev.envy.daemon.env;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code hook.on-activate} once with {@code bash -c} and reads back the environment it leaves exported
 * ({@code env -0} appended after the hook, written to a private file so the hook's own output cannot be mistaken
 * for it). The hook's stdin is {@code /dev/null}, its cwd the project root, its output goes to a temporary file (so
 * a chatty hook never blocks on a pipe) whose tail is kept for errors, and it gets a deadline.
 */
final class HookRunner {

    static final int TAIL_LINES = 20;
    private static final int TAIL_BYTES = 8192;

    /** Variables bash sets on its own; they keep the value they had before the hook. */
    private static final List<String> SHELL_OWN = List.of("_", "SHLVL", "PWD", "OLDPWD");

    private final Duration deadline;

    HookRunner(Duration deadline) {
        this.deadline = deadline;
    }

    /** The environment after running {@code hook} in {@code env}: its exports and unsets applied. */
    Map<String, String> run(String hook, Map<String, String> env, Path cwd) throws HookFailure {
        Path dump = null;
        Path output = null;
        try {
            dump = Files.createTempFile("envy-hook-env", ".bin");
            output = Files.createTempFile("envy-hook-out", ".txt");
            // $1 is the dump file; kept in a shell variable that is not exported, so env -0 does not list it.
            String script = "__envy_dump=$1; shift\n" + hook + "\n__envy_status=$?\n"
                    + "env -0 >\"$__envy_dump\" || exit 125\nexit $__envy_status\n";
            ProcessBuilder builder = new ProcessBuilder("bash", "-c", script, "envy-hook", dump.toString())
                    .directory(cwd.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().clear();
            builder.environment().putAll(env);
            Process process = start(builder);
            int exit = await(process, output);
            if (exit != 0) {
                throw new HookFailure("hook.on-activate failed with exit code " + exit, exit, tail(output));
            }
            byte[] bytes = Files.readAllBytes(dump);
            if (bytes.length == 0) {
                throw new HookFailure("hook.on-activate called exit before its exports could be read", exit,
                        tail(output));
            }
            return parse(bytes, env);
        } catch (IOException e) {
            throw new HookFailure("could not run hook.on-activate: " + e.getMessage(), HookFailure.NO_EXIT_CODE,
                    List.of());
        } finally {
            deleteQuietly(dump);
            deleteQuietly(output);
        }
    }

    private static Process start(ProcessBuilder builder) throws HookFailure {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new HookFailure("could not start bash to run hook.on-activate: " + e.getMessage(),
                    HookFailure.NO_EXIT_CODE, List.of());
        }
    }

    private int await(Process process, Path output) throws HookFailure, IOException {
        try {
            if (process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
            throw new HookFailure("interrupted while running hook.on-activate", HookFailure.NO_EXIT_CODE,
                    tail(output));
        }
        kill(process);
        throw new HookFailure("hook.on-activate did not finish within " + deadline.toSeconds() + "s",
                HookFailure.NO_EXIT_CODE, tail(output));
    }

    /**
     * Kills the hook and everything it started. The descendants are listed first (once the shell is gone they are
     * re-parented and no longer found) but killed after the shell, so it does not report their deaths in its output.
     */
    private static void kill(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code env -0} output as a map; bash's own variables restored to their values in {@code before}. */
    static Map<String, String> parse(byte[] envZero, Map<String, String> before) {
        Map<String, String> env = dev.envy.host.os.ProcStat.parseEnvironment(envZero);
        for (String own : SHELL_OWN) {
            if (before.containsKey(own)) {
                env.put(own, before.get(own));
            } else {
                env.remove(own);
            }
        }
        return env;
    }

    /** The last {@link #TAIL_LINES} lines of the hook's output, read from at most its last 8 KiB. */
    static List<String> tail(Path output) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(output.toFile(), "r")) {
            long length = file.length();
            int count = (int) Math.min(length, TAIL_BYTES);
            byte[] bytes = new byte[count];
            file.seek(length - count);
            file.readFully(bytes);
            List<String> lines = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\n")));
            if (count < length && !lines.isEmpty()) {
                lines.removeFirst(); // cut in the middle
            }
            lines.removeIf(String::isBlank);
            return List.copyOf(lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file left in /tmp is harmless
            }
        }
    }
}

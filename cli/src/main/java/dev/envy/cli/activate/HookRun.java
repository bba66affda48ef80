package dev.envy.cli.activate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs {@code hook.on-activate} once with bash, in the activation's environment, and keeps what it exported.
 * The hook has the terminal (stdin, stderr); its stdout goes to stderr too, because in-place activation's stdout is
 * being evaluated by the shell. The hook is the user's own foreground code: it can be interrupted with Ctrl-C, so
 * its wait has no deadline of ours. {@code envy export} runs it the same way, to write its exports into the units.
 */
public final class HookRun {
    /** Variables bash maintains by itself; their changes are not the hook's exports. */
    private static final Set<String> BASH_OWN = Set.of("_", "SHLVL", "PWD", "OLDPWD");
    private static final String RUNNER = "eval \"$1\" >&2; __envy_status=$?; env -0; exit $__envy_status";

    public record Outcome(EnvironmentChange exports, int exitCode) {}

    private HookRun() {
    }

    public static Outcome run(String hook, Map<String, String> env, Path workingDir) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", "-c", RUNNER, "envy-hook", hook))
                .directory(workingDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = process.getInputStream()) {
            in.transferTo(out);
        }
        int code = process.waitFor();
        return new Outcome(diff(env, parse(out.toString(StandardCharsets.UTF_8))), code);
    }

    /** {@code env -0} output → variables. */
    static Map<String, String> parse(String nulSeparated) {
        Map<String, String> vars = new LinkedHashMap<>();
        for (String entry : nulSeparated.split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                vars.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return vars;
    }

    /** What the hook changed: new or changed variables, and removed ones. */
    static EnvironmentChange diff(Map<String, String> before, Map<String, String> after) {
        Map<String, String> set = new LinkedHashMap<>();
        after.forEach((k, v) -> {
            if (!BASH_OWN.contains(k) && !v.equals(before.get(k))) {
                set.put(k, v);
            }
        });
        Set<String> unset = new TreeSet<>();
        new HashMap<>(before).keySet().stream()
                .filter(k -> !BASH_OWN.contains(k) && !after.containsKey(k))
                .forEach(unset::add);
        return new EnvironmentChange(set, unset);
    }
}

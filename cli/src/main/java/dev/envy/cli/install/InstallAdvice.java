package dev.envy.cli.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What the user still has to do after {@code envy install} for {@code envy}, {@code man envy} and Tab completion to
 * work in new shells, and only what is missing: {@code PATH}, {@code MANPATH}, bash-completion, zsh's {@code fpath},
 * fish's {@code fish_complete_path}. Each shell is asked (without the user's rc files where that could hang) where it
 * looks; {@code shells} runs such a question and returns its output, or empty when the shell is not installed.
 */
final class InstallAdvice {
    private InstallAdvice() {
    }

    /** Runs a short command with a deadline; its stdout, or empty when it could not run. */
    static Optional<String> run(List<String> command) {
        try {
            Path out = Files.createTempFile("envy-install-", ".txt");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(false).redirectOutput(out.toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.from(
                                new java.io.File("/dev/null"))).start();
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return Optional.empty();
                }
                return p.exitValue() == 0 ? Optional.of(Files.readString(out, StandardCharsets.UTF_8)) : Optional.empty();
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static List<String> of(Installation inst, Map<String, String> env, Function<List<String>, Optional<String>> shells) {
        List<String> advice = new ArrayList<>();
        String home = env.getOrDefault("HOME", "");
        boolean onPath = elements(env.get("PATH")).contains(inst.bin().toString());
        if (!onPath) {
            advice.add("PATH: " + inst.bin() + " is not on it; add `export PATH=\"" + shown(inst.bin(), home)
                    + ":$PATH\"` to ~/.bashrc or ~/.zshrc, or run `fish_add_path " + shown(inst.bin(), home)
                    + "` once in fish");
        }
        String manpath = env.get("MANPATH");
        if (manpath != null && !manpath.isEmpty() && !elements(manpath).contains(inst.manDir().toString())
                && !Arrays.asList(manpath.split(":", -1)).contains("")) {
            advice.add("MANPATH: " + inst.manDir() + " is not on it; add `export MANPATH=\"" + shown(inst.manDir(), home)
                    + ":$MANPATH\"` where MANPATH is set");
        } else if (!onPath && (manpath == null || manpath.isEmpty())) {
            advice.add("man: `man envy` finds the pages once " + inst.bin() + " is on PATH (man looks in "
                    + inst.manDir() + " for it)");
        }

        Path bashCompletion = inst.completions().get("bash");
        boolean bashCompletionInstalled = Files.isRegularFile(Path.of("/usr/share/bash-completion/bash_completion"));
        String userDir = env.getOrDefault("BASH_COMPLETION_USER_DIR",
                env.getOrDefault("XDG_DATA_HOME", home + "/.local/share") + "/bash-completion") + "/completions";
        boolean bashFinds = bashCompletion.getParent().toString().equals(userDir) || onPath;
        if (!bashCompletionInstalled || !bashFinds) {
            advice.add("bash: " + (bashCompletionInstalled ? "bash-completion does not look in " + bashCompletion.getParent()
                    : "bash-completion is not installed (e.g. apt-get install bash-completion)")
                    + "; or add `source " + shown(bashCompletion, home) + "` to ~/.bashrc");
        }

        Path zshDir = inst.completions().get("zsh").getParent();
        shells.apply(List.of("zsh", "-fc", "print -rl -- $fpath")).ifPresent(fpath -> {
            if (!fpath.lines().toList().contains(zshDir.toString()) && !mentioned(zshrc(env, home), zshDir, home)) {
                advice.add("zsh: add `fpath=(" + shown(zshDir, home) + " $fpath)` to ~/.zshrc before compinit "
                        + "(or before the framework that runs it)");
            }
        });

        Path fishDir = inst.completions().get("fish").getParent();
        shells.apply(List.of("fish", "-c", "printf '%s\\n' $fish_complete_path")).ifPresent(paths -> {
            if (!paths.lines().toList().contains(fishDir.toString())) {
                advice.add("fish: add `set -p fish_complete_path " + shown(fishDir, home)
                        + "` to ~/.config/fish/config.fish");
            }
        });
        return advice;
    }

    private static List<String> elements(String path) {
        return path == null ? List.of() : Arrays.stream(path.split(":")).map(e -> e.replaceAll("/+$", "")).toList();
    }

    private static Path zshrc(Map<String, String> env, String home) {
        return Path.of(env.getOrDefault("ZDOTDIR", home)).resolve(".zshrc");
    }

    /** Whether the user's rc file already names {@code dir} (as a path, or with $HOME or ~). */
    private static boolean mentioned(Path rc, Path dir, String home) {
        try {
            String text = Files.readString(rc);
            return text.contains(dir.toString()) || !home.isEmpty() && dir.startsWith(home)
                    && (text.contains("$HOME/" + Path.of(home).relativize(dir)) || text.contains("~/" + Path.of(home).relativize(dir)));
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code $HOME/.local/bin} for a path under the home directory, the path itself otherwise. */
    private static String shown(Path p, String home) {
        return !home.isEmpty() && p.startsWith(home) && !p.equals(Path.of(home))
                ? "$HOME/" + Path.of(home).relativize(p) : p.toString();
    }
}

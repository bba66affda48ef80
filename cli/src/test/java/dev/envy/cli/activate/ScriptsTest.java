package dev.envy.cli.activate;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated code, run by the real shells (commands fed on stdin to an interactive shell). */
class ScriptsTest {
    private static final String NASTY = "it's a \"test\" with $HOME, `ticks`, \\back\\slash and\nnewline";

    @TempDir
    Path tmp;

    private Session session(Shell shell) {
        Map<String, String> set = new LinkedHashMap<>();
        set.put("ENVY_ACTIVE", "/p/demo");
        set.put("NASTY", NASTY);
        set.put("BASH_FUNC_f%%", "() { :; }");
        return new Session(shell, "demo", new EnvironmentChange(set, Set.of("GONE")),
                shell == Shell.FISH ? "alias hello 'echo hello-from-profile'" : "alias hello='echo hello-from-profile'");
    }

    @ParameterizedTest
    @EnumSource(Shell.class)
    void inPlaceScriptSetsVarsProfileAndMarkerInAnInteractiveShell(Shell shell) throws Exception {
        Path claim = Files.createDirectory(tmp.resolve("claims")).resolve("token-1");
        Path script = Files.writeString(tmp.resolve("script"), Scripts.inPlace(session(shell), Optional.of(claim)));
        String check = switch (shell) {
            case BASH, ZSH -> "f() { eval \"$(cat " + script + ")\"; }\nf\nprintf '[%s]\\n' \"$NASTY\" \"${GONE-unset}\"\nhello\n"
                    + (shell == Shell.BASH ? "__envy_prompt; printf '<%s>\\n' \"$PS1\"\n" : "__envy_prompt; printf '<%s>\\n' \"$PROMPT\"\n")
                    + "printf 'pid=%s|%s\\n' \"$$\" \"$ENVY_ACTIVATION\"\n";
            case FISH -> "cat " + script + " | source\nprintf '[%s]\\n' \"$NASTY\" (set -q GONE; and echo set; or echo unset)\nhello\nprintf '<%s>\\n' (fish_prompt)\n"
                    + "printf 'pid=%s|%s\\n' $fish_pid $ENVY_ACTIVATION\n";
        };
        String out = interactive(shell, check, Map.of("GONE", "was-here"));
        String pid = Files.readString(claim).strip();
        assertTrue(out.contains("pid=" + pid + "|" + pid), "the evaluating shell claims with its own PID: " + pid + " " + out);
        assertTrue(out.contains("[" + NASTY + "]"), out);
        assertTrue(out.contains("[unset]"), out);
        assertTrue(out.contains("hello-from-profile"), out);
        assertTrue(out.contains("<(envy:demo) "), out);
    }

    @ParameterizedTest
    @EnumSource(Shell.class)
    void subshellPlanExecsTheShellWithTheEnvironmentAndRemovesItsFiles(Shell shell) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("session"));
        Path plan = Files.writeString(tmp.resolve("plan"), Scripts.subshellPlan(session(shell), shell.id(), dir));
        String check = switch (shell) {
            case BASH -> "printf '[%s]\\n' \"$NASTY\"\nhello\nprintf '<%s>\\n' \"$PS1\"\n";
            case ZSH -> "printf '[%s]\\n' \"$NASTY\"\nhello\nprintf '<%s>\\n' \"$PROMPT\"\nprintf 'zdotdir=%s\\n' \"${ZDOTDIR-unset}\"\n";
            case FISH -> "printf '[%s]\\n' \"$NASTY\"\nhello\nprintf '<%s>\\n' (fish_prompt)\n";
        };
        String out = run(List.of("sh", "-c", ". " + plan), check, Map.of());
        assertTrue(out.contains("[" + NASTY + "]"), out);
        assertTrue(out.contains("hello-from-profile"), out);
        assertTrue(out.contains("<(envy:demo) "), out);
        if (shell == Shell.ZSH) {
            assertTrue(out.contains("zdotdir=unset"), "ZDOTDIR is put back for the user's own files: " + out);
        }
        assertFalse(Files.exists(dir), "the generated rc files are removed once read");
    }

    @ParameterizedTest
    @EnumSource(Shell.class)
    void commandPlanExecsTheCommandWithItsArgumentsAndExitCode(Shell ignored) throws Exception {
        Path plan = Files.writeString(tmp.resolve("plan"), Scripts.commandPlan(session(Shell.BASH).change(),
                List.of("sh", "-c", "printf '[%s][%s]\\n' \"$NASTY\" \"$1\"; exit 7", "arg0", "it's one arg")));
        Process p = new ProcessBuilder("sh", "-c", ". " + plan).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "the command did not finish within 10 s");
        assertEquals(7, p.exitValue(), out);
        assertTrue(out.contains("[" + NASTY + "][it's one arg]"), out);
    }

    private String interactive(Shell shell, String input, Map<String, String> env) throws IOException, InterruptedException {
        return run(List.of(shell.id(), "-i"), input, env);
    }

    private String run(List<String> command, String input, Map<String, String> env) throws IOException, InterruptedException {
        Path home = Files.createDirectories(tmp.resolve("home"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("HOME", home.toString());
        pb.environment().remove("ZDOTDIR");
        pb.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().write((input + "exit\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "the shell did not exit within 20 s: " + out);
        return out;
    }

    @ParameterizedTest
    @EnumSource(Shell.class)
    void aClaimWhoseDaemonIsGoneIsSilent(Shell shell) throws Exception {
        Path claim = tmp.resolve("gone").resolve("token-1");
        Path script = Files.writeString(tmp.resolve("script"), Scripts.claim(shell, Optional.of(claim)));
        String check = shell == Shell.FISH ? "cat " + script + " | source\necho done=$status\n"
                : "eval \"$(cat " + script + ")\"\necho done=$?\n";
        String out = interactive(shell, check, Map.of());
        assertTrue(out.contains("done=0"), out);
        assertFalse(out.contains("gone"), "nothing is said about the missing directory: " + out);
    }
}

package dev.envy.cli.completion;

import dev.envy.cli.CliRun;
import dev.envy.cli.completion.CommandModel.Command;
import dev.envy.cli.completion.CommandModel.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompletionTest {
    @TempDir
    Path dir;

    private CommandModel model() {
        return CommandModel.of(dev.envy.cli.Commands.all(new CliRun(dir).context()));
    }

    private static Command command(CommandModel model, String path) {
        return model.commands().stream().filter(c -> c.path().equals(path)).findFirst().orElseThrow();
    }

    @Test
    void theModelHoldsEveryVisibleCommandAndWhatItsWordsAre() {
        CommandModel model = model();
        assertEquals(List.of("init", "check", "activate", "up", "attach", "down", "services", "edit", "allow", "deny",
                "export", "daemon",
                "hook", "completion", "install", "uninstall"), command(model, "").subcommands());
        assertEquals(Kind.SERVICE, command(model, "services start").positional().kind());
        assertEquals(Kind.SERVICE, command(model, "services logs").positional().kind());
        assertEquals(Kind.COMMAND, command(model, "activate").positional().kind());
        assertEquals(List.of("bash", "zsh", "fish"), command(model, "completion").positional().words());
        CommandModel.Option dir = command(model, "").options().stream().filter(o -> o.names().contains("--dir"))
                .findFirst().orElseThrow();
        assertEquals(List.of("-d", "--dir"), dir.names());
        assertEquals(Kind.DIRECTORY, dir.value().kind());
        assertTrue(command(model, "completion").options().stream().noneMatch(o -> o.names().contains("--services")),
                "the scripts' own question is hidden");
        assertEquals("envy-services-start", command(model, "services start").manName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"bash", "zsh", "fish"})
    void eachScriptIsValidCodeForItsShell(String shell) throws Exception {
        Path script = Files.writeString(dir.resolve("envy." + shell), CompletionScripts.of(shell, model()));
        Process p = new ProcessBuilder(shell, "-n", script.toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), shell + " -n did not finish");
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.exitValue(), shell + " -n: " + output);
        assertEquals("", output);
    }

    @Test
    void servicesAreReadFromTheManifestInItsOrderAndAnInvalidOneOffersNone() throws IOException {
        Files.writeString(dir.resolve("envy.toml"), "[services.web]\ncommand = 'w'\n[services.db]\ncommand = 'd'\n");
        CliRun.Result r = new CliRun(dir).run("completion", "--services");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("web\ndb\n", r.out());
        Files.writeString(dir.resolve("envy.toml"), "[services.web]\ncommand = 3\n");
        r = new CliRun(dir).run("completion", "--services");
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("", r.out() + r.err());
    }

    @Test
    void aShellMustBeNamedAndKnown() {
        CliRun.Result none = new CliRun(dir).run("completion");
        assertEquals(2, none.exitCode());
        assertEquals("envy: name the shell: `envy completion bash`, `zsh` or `fish`\n"
                + "hint: e.g. `source <(envy completion bash)` in ~/.bashrc; `envy install` sets up all three\n", none.err());
        CliRun.Result tcsh = new CliRun(dir).run("completion", "tcsh");
        assertEquals(2, tcsh.exitCode());
        assertTrue(tcsh.err().startsWith("envy: no completion for the shell 'tcsh'\nhint: "), tcsh.err());
        CliRun.Result bash = new CliRun(dir).run("completion", "bash");
        assertEquals(0, bash.exitCode());
        assertTrue(bash.out().contains("complete -F _envy envy"), bash.out());
        assertFalse(bash.out().contains("--services'"), "hidden options are not offered");
    }

    @Test
    void menuDescriptionsFitOneLine() {
        assertEquals("Start services", CompletionScripts.menu("Start services"));
        String long_ = "Show each service: status, whether it is ready, PID, uptime, automatic restarts and its last exit";
        String menu = CompletionScripts.menu(long_);
        assertTrue(menu.length() <= 72 && menu.endsWith("…"), menu);
    }
}

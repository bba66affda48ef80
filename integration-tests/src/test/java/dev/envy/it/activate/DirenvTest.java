package dev.envy.it.activate;

import dev.envy.it.support.Tmux;
import dev.envy.it.support.Projects;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * AC-10: {@code use envy -s} in {@code .envrc}, with direnv hooked into real bash, zsh and fish terminals (tmux):
 * the interactive shell is the activation, services survive {@code cd} out and back, and stop when it exits.
 */
class DirenvTest {

    @RegisterExtension
    final Projects projects = new Projects();

    private static String hook(ShellKind shell) {
        return switch (shell) {
            case BASH -> "eval \"$(direnv hook bash)\"\n";
            case ZSH -> "eval \"$(direnv hook zsh)\"\n";
            case FISH -> "direnv hook fish | source\n";
        };
    }

    @ParameterizedTest
    @EnumSource(ShellKind.class)
    void AC_10_useEnvyCountsTheInteractiveShellAcrossCdOutAndBack(ShellKind shell) {
        TestProject project = projects.withManifest(Fixtures.chain());
        Run snippet = project.envy().run("hook", "direnv");
        assertEquals(0, snippet.exitCode(), snippet.toString());
        project.writeFile("../home/.config/direnv/direnvrc", snippet.stdout());
        project.writeFile("../home/" + shell.rcFile, shell.rc + hook(shell));
        project.writeFile(".envrc", "use envy -s\n");
        Map<String, String> env = new java.util.LinkedHashMap<>(shell.terminalEnv(project));
        env.put("XDG_CONFIG_HOME", project.home().resolve(".config").toString());
        env.put("XDG_DATA_HOME", project.home().resolve(".local/share").toString());
        env.put("XDG_CACHE_HOME", project.home().resolve(".cache").toString());
        env.remove("DIRENV_DIR");
        env.remove("DIRENV_FILE");
        env.remove("DIRENV_DIFF");
        env.remove("DIRENV_WATCHES");
        try (Tmux tmux = new Tmux(project.home(), env)) {
            tmux.open("t", project.home(), "exec " + shell.program + " -i");
            tmux.expect("t", shell.id() + "$ ");
            tmux.type("t", "echo \"P\"\"=[" + shell.pid + "]\"");
            tmux.expect("t", "P=[");
            String screen = tmux.screen("t");
            int at = screen.lastIndexOf("P=[") + 3;
            String pid = screen.substring(at, screen.indexOf(']', at));

            tmux.type("t", "cd " + project.dir() + "; direnv allow");
            tmux.expect("t", "envy: 3 service(s) up");
            Fixtures.awaitDaemonLog(project, "activation " + pid + " registered");
            tmux.type("t", "echo \"IN\"\"=[$ENVY_ACTIVE]\"");
            tmux.expect("t", "IN=[" + project.dir() + "]");

            tmux.type("t", "cd ..");
            tmux.type("t", "echo \"OUT\"\"=[$ENVY_ACTIVE]\"");
            tmux.expect("t", "OUT=[]");
            tmux.type("t", "cd " + project.dir());
            tmux.type("t", "echo \"BACK\"\"=[$ENVY_ACTIVE]\"");
            tmux.expect("t", "BACK=[" + project.dir() + "]");
            assertEquals(Fixtures.CHAIN_UP, project.records(), "cd out and back stops and starts nothing");

            tmux.type("t", "exit");
            Fixtures.awaitRecords(project, upThenDown());
            Fixtures.awaitNothingLeft(project);
        }
    }

    private static List<String> upThenDown() {
        List<String> all = new ArrayList<>(Fixtures.CHAIN_UP);
        all.addAll(Fixtures.CHAIN_DOWN);
        return all;
    }
}

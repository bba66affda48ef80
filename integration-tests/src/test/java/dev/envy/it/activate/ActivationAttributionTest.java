package dev.envy.it.activate;

import dev.envy.it.support.Tmux;
import dev.envy.it.support.Projects;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * AC-9: an in-place activation counts the shell that evaluates it, however deep it is nested — never its parent —
 * in real bash, zsh and fish terminals (tmux).
 */
class ActivationAttributionTest {

    @RegisterExtension
    final Projects projects = new Projects();

    /**
     * Each shell at depth 1 (the terminal's own), 2 (inside another of the same shell: the fork-like case that
     * misled the old /proc guess) and 3 (inside two other shells: fish in zsh in bash, and so on).
     */
    static Stream<Arguments> shellsAndDepths() {
        List<Arguments> all = new ArrayList<>();
        for (ShellKind shell : ShellKind.values()) {
            all.add(Arguments.of(shell, List.of(shell)));
            all.add(Arguments.of(shell, List.of(shell, shell)));
            all.add(Arguments.of(shell, List.of(shell.next().next(), shell.next(), shell)));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("shellsAndDepths")
    void AC_9_theEvaluatingShellIsCountedAtAnyDepth(ShellKind shell, List<ShellKind> chain) {
        TestProject project = projects.withManifest(Fixtures.chain());
        try (Tmux tmux = nested(project, chain)) {
            String pid = pidOf(tmux, shell);
            tmux.type("t", shell.inPlace(ShellKind.envy(), "-s"));
            tmux.expect("t", "envy: 3 service(s) up");
            Fixtures.awaitDaemonLog(project, "activation " + pid + " claimed");
            assertEquals(Fixtures.CHAIN_UP, project.records());

            tmux.type("t", "exit");
            Fixtures.awaitDaemonLog(project, "activation " + pid + " exited");
            Fixtures.awaitRecords(project, upThenDown());
            Fixtures.awaitNothingLeft(project);
            if (chain.size() > 1) {
                tmux.type("t", "echo \"BACK\"\"=[" + chain.get(chain.size() - 2).pid + "]\"");
                tmux.expect("t", "BACK=[");
            }
        }
    }

    static Stream<Arguments> evaluatedOtherwise() {
        return Stream.of(
                Arguments.of(ShellKind.BASH, "f() { eval \"$(" + ShellKind.envy() + " activate -s)\"; }; f"),
                Arguments.of(ShellKind.BASH, "source <(" + ShellKind.envy() + " activate -s)"),
                Arguments.of(ShellKind.ZSH, "f() { eval \"$(" + ShellKind.envy() + " activate -s)\"; }; f"),
                Arguments.of(ShellKind.ZSH, "source <(" + ShellKind.envy() + " activate -s)"),
                Arguments.of(ShellKind.FISH, "function f; " + ShellKind.envy() + " activate -s | source; end; f"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("evaluatedOtherwise")
    void AC_9_evalInAFunctionOrASourcedSubstitutionCountsTheShell(ShellKind shell, String line) {
        TestProject project = projects.withManifest(Fixtures.chain());
        try (Tmux tmux = nested(project, List.of(shell, shell))) {
            String pid = pidOf(tmux, shell);
            tmux.type("t", line);
            tmux.expect("t", "envy: 3 service(s) up");
            Fixtures.awaitDaemonLog(project, "activation " + pid + " claimed");
            tmux.type("t", "exit");
            Fixtures.awaitRecords(project, upThenDown());
            Fixtures.awaitNothingLeft(project);
        }
    }

    /** A terminal running {@code chain}'s first shell, with each next one started inside the one before. */
    private static Tmux nested(TestProject project, List<ShellKind> chain) {
        for (ShellKind k : ShellKind.values()) {
            k.writeUserRc(project);
        }
        Tmux tmux = new Tmux(project.home(), chain.get(0).terminalEnv(project));
        tmux.open("t", project.dir(), "exec " + chain.get(0).program + " -i");
        for (int depth = 1; depth <= chain.size(); depth++) {
            ShellKind k = chain.get(depth - 1);
            if (depth > 1) {
                tmux.type("t", k.program + " -i");
            }
            tmux.type("t", "echo \"DEPTH\"\"=[" + depth + "]\"");
            tmux.expect("t", "DEPTH=[" + depth + "]");
        }
        return tmux;
    }

    private static String pidOf(Tmux tmux, ShellKind shell) {
        tmux.type("t", "echo \"P\"\"=[" + shell.pid + "]\"");
        tmux.expect("t", "P=[");
        String screen = tmux.screen("t");
        int at = screen.lastIndexOf("P=[") + 3;
        return screen.substring(at, screen.indexOf(']', at));
    }

    private static List<String> upThenDown() {
        List<String> all = new ArrayList<>(Fixtures.CHAIN_UP);
        all.addAll(Fixtures.CHAIN_DOWN);
        return all;
    }
}

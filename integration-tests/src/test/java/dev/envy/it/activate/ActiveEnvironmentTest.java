package dev.envy.it.activate;

import dev.envy.it.support.Tmux;
import dev.envy.it.support.Envy;
import dev.envy.it.support.Projects;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AC-11 in real bash, zsh and fish terminals: which environment commands act on (the innermost active one before the
 * working directory's, with one line saying so), and {@code envy} on PATH inside every activation, once.
 */
class ActiveEnvironmentTest {
    @RegisterExtension
    final Projects projects = new Projects();

    private static final Path BIN = Envy.home().resolve("bin");

    /**
     * An sh one-liner any of the three shells runs as typed: how often bin/ is on PATH, and which envy is found,
     * printed as {@code LABEL=[COUNT|PATH]}.
     */
    private static String pathReport(String label) {
        return "sh -c 'n=0; IFS=:; for d in $PATH; do [ \"$d\" = \"" + BIN + "\" ] && n=$((n+1)); done; "
                + "echo \"" + label + "\"\"=[$n|$(command -v envy)]\"'";
    }

    @ParameterizedTest
    @EnumSource(ShellKind.class)
    void AC_11_commandsActOnTheInnermostActiveEnvironmentAndEnvyIsOnPathOnce(ShellKind shell) {
        TestProject a = projects.withManifest("[vars]\nWHICH = \"a\"\n");
        TestProject b = projects.withManifest("[vars]\nWHICH = \"b\"\n");
        shell.writeUserRc(a);
        Map<String, String> env = shell.terminalEnv(a);
        try (Tmux tmux = new Tmux(a.home(), env)) {
            tmux.open("t", a.dir(), "exec " + shell.program + " -i");
            tmux.expect("t", shell.id() + "$ ");
            tmux.type("t", ShellKind.envy() + " activate");
            tmux.expect("t", "(envy:project) ");
            tmux.type("t", pathReport("ONPATH"));
            tmux.expect("t", "ONPATH=[1|" + BIN.resolve("envy") + "]");

            // in b's directory, envy (found on PATH) acts on the active a, and says so once
            tmux.type("t", "cd " + b.dir() + "; envy check; echo \"RC\"\"=[" + shell.status + "]\"");
            tmux.expect("t", "RC=[0]");
            String screen = tmux.screen("t");
            assertTrue(screen.contains(a.manifest() + ": valid, 0 services"), screen);
            assertTrue(screen.contains("envy: using the active environment " + a.dir()
                    + " (the working directory's project is " + b.dir() + ")"), screen);

            // activating in b's directory enters b (nested); now b is the innermost, even from a's directory
            tmux.type("t", "envy activate");
            tmux.type("t", "echo \"W\"\"=[$WHICH|$ENVY_ACTIVE]\"");
            tmux.expect("t", "W=[b|" + b.dir() + "]");
            tmux.type("t", "cd " + a.dir() + "; envy check 2>&1 | cat; echo \"RC2\"\"=[" + shell.status + "]\"");
            tmux.expect("t", "RC2=[0]");
            screen = tmux.screen("t");
            assertTrue(screen.contains(b.manifest() + ": valid, 0 services"), screen);
            assertTrue(screen.contains("envy: using the active environment " + b.dir()
                    + " (the working directory's project is " + a.dir() + ")"), screen);
            tmux.type("t", pathReport("NESTED"));
            tmux.expect("t", "NESTED=[1|" + BIN.resolve("envy") + "]");

            // leaving b: a is the active one again, and in its own directory nothing needs saying
            tmux.type("t", "exit");
            tmux.type("t", "cd " + a.dir() + "; envy check 2>&1; echo \"RC3\"\"=[" + shell.status + "]\"");
            tmux.expect("t", "RC3=[0]");
            screen = tmux.screen("t");
            String last = screen.substring(screen.lastIndexOf("; envy check 2>&1; echo"));
            assertTrue(last.contains(a.manifest() + ": valid, 0 services"), last);
            assertFalse(last.contains("using the active environment"), last);
        }
    }

    @ParameterizedTest
    @EnumSource(ShellKind.class)
    void AC_11_envyIsOnPathAfterAnInPlaceActivation(ShellKind shell) {
        TestProject a = projects.withManifest("[vars]\nWHICH = \"a\"\n");
        shell.writeUserRc(a);
        try (Tmux tmux = new Tmux(a.home(), shell.terminalEnv(a))) {
            tmux.open("t", a.dir(), "exec " + shell.program + " -i");
            tmux.expect("t", shell.id() + "$ ");
            tmux.type("t", shell.inPlace(ShellKind.envy()));
            tmux.expect("t", "(envy:project) " + shell.id() + "$ ");
            tmux.type("t", pathReport("ONPATH"));
            tmux.expect("t", "ONPATH=[1|" + BIN.resolve("envy") + "]");
            tmux.type("t", "cd /; envy check; echo \"RC\"\"=[" + shell.status + "]\"");
            tmux.expect("t", "RC=[0]");
            String screen = tmux.screen("t");
            assertTrue(screen.contains(a.manifest() + ": valid, 0 services"), screen);
            assertFalse(screen.contains("using the active environment"), "/ has no project of its own: " + screen);
        }
    }

    @Test
    void AC_11_envyIsOnPathForACommandRunInTheEnvironment() {
        TestProject a = projects.withManifest("[vars]\nWHICH = \"a\"\n");
        Run run = a.envy().withEnv("PATH", "/usr/bin:/bin")
                .run("activate", "--", "sh", "-c", "echo \"E=[$(command -v envy)|$PATH]\"").assertOk();
        assertTrue(run.stdout().contains("E=[" + BIN.resolve("envy") + "|" + BIN + ":/usr/bin:/bin]"), run.toString());
    }

    @Test
    void AC_11_envyDirAndDashDWinOverTheActiveEnvironment() {
        TestProject a = projects.withManifest("[vars]\nWHICH = \"a\"\n");
        TestProject b = projects.withManifest("[vars]\nWHICH = \"b\"\n");
        Run viaEnv = b.envy().withEnv("ENVY_ACTIVE", a.dir().toString()).withEnv("ENVY_DIR", b.dir().toString())
                .run("check", "--json").assertOk();
        assertTrue(viaEnv.stdout().contains(b.manifest().toString()), viaEnv.toString());
        assertEquals("", viaEnv.stderr(), "$ENVY_DIR names the working directory's own project: " + viaEnv);
        Run viaDir = b.envy().withEnv("ENVY_ACTIVE", a.dir().toString()).run("-d", b.dir().toString(), "check")
                .assertOk();
        assertTrue(viaDir.stdout().contains(b.manifest().toString()), viaDir.toString());
        Run active = b.envy().withEnv("ENVY_ACTIVE", a.dir().toString()).run("check", "--json").assertOk();
        assertTrue(active.stdout().startsWith("{") && active.stdout().contains(a.manifest().toString()),
                "the note goes to stderr, stdout stays JSON: " + active);
        assertEquals("envy: using the active environment " + a.dir() + " (the working directory's project is "
                + b.dir() + ")\n", active.stderr());
    }
}

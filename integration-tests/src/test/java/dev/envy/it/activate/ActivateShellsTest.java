package dev.envy.it.activate;

import dev.envy.it.support.Tmux;
import dev.envy.it.support.Projects;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AC-1, AC-8 in real bash, zsh and fish terminals (tmux); an environment without services needs no daemon. */
class ActivateShellsTest {
    static final String MANIFEST = """
            [vars]
            GREETING = "hello ${WHO}"

            [hook]
            on-activate = '''
              export HOOKED="from hook"
              echo "the hook ran"
            '''

            [profile]
            common = "alias pg='echo pg-profile-$GREETING'"
            bash = "export PROFILE_SHELL=bash"
            zsh = "export PROFILE_SHELL=zsh"
            fish = "set -gx PROFILE_SHELL fish"
            """;
    static final String SHOW = "echo \"V\"\"=[$GREETING|$HOOKED|$FROM_USER_RC|$PROFILE_SHELL|$ENVY_ACTIVE]\"";

    @RegisterExtension
    final Projects projects = new Projects();

    private String expectedValues(TestProject project, ShellKind shell) {
        return "V=[hello world|from hook|" + shell.rc.lines().findFirst().orElseThrow().replaceAll(".*FROM_USER_RC[ =]", "")
                + "|" + shell.id() + "|" + project.dir() + "]";
    }

    @ParameterizedTest
    @EnumSource(ShellKind.class)
    void AC_1_subshellHasVarsHookProfileUserRcAndPromptMarker(ShellKind shell) {
        TestProject project = projects.withManifest(MANIFEST);
        shell.writeUserRc(project);
        try (Tmux tmux = new Tmux(project.home(), shell.terminalEnv(project))) {
            tmux.open("t", project.dir(), "exec " + shell.program + " -i");
            tmux.type("t", ShellKind.envy() + " activate");
            tmux.expect("t", "(envy:project) ");
            tmux.type("t", SHOW);
            tmux.expect("t", expectedValues(project, shell));
            tmux.type("t", "pg");
            tmux.expect("t", "pg-profile-hello world");
            tmux.type("t", "echo \"P\"\"=[" + shell.pid + "|$ENVY_ACTIVATION]\"");
            tmux.expect("t", "P=[");
            String[] shown = between(tmux.screen("t"), "P=[").split("[|:]");
            assertEquals(shown[0], shown[1], "the registered PID is the activated shell's own");
            long pane = tmux.panePid("t");
            assertEquals(pane, ProcessHandle.of(Long.parseLong(shown[0])).flatMap(ProcessHandle::parent)
                    .map(ProcessHandle::pid).orElse(-1L), "bin/envy became the subshell of the terminal's shell");
            assertTrue(ProcessHandle.of(pane).orElseThrow().descendants()
                            .noneMatch(p -> p.info().command().orElse("").endsWith("/java")),
                    "no JVM stays behind the activated shell");

            tmux.type("t", "exit");
            tmux.type("t", "echo \"OUT\"\"=[$ENVY_ACTIVE]\"");
            tmux.expect("t", "OUT=[]");
            assertFalse(daemonFilesIn(project), "an environment without services never starts a daemon");
        }
    }

    @ParameterizedTest
    @EnumSource(ShellKind.class)
    void AC_1_inPlaceActivationRegistersTheEvaluatingShell(ShellKind shell) {
        TestProject project = projects.withManifest(MANIFEST);
        shell.writeUserRc(project);
        try (Tmux tmux = new Tmux(project.home(), shell.terminalEnv(project))) {
            tmux.open("t", project.dir(), "exec " + shell.program + " -i");
            tmux.expect("t", shell.id() + "$ ");
            tmux.type("t", shell.inPlace(ShellKind.envy()));
            tmux.expect("t", "(envy:project) " + shell.id() + "$ ");
            tmux.type("t", SHOW);
            tmux.expect("t", expectedValues(project, shell));
            tmux.type("t", "pg");
            tmux.expect("t", "pg-profile-hello world");
            long pane = tmux.panePid("t");
            tmux.type("t", "echo \"P\"\"=[$ENVY_ACTIVATION]\"");
            tmux.expect("t", "P=[" + pane + "]");
        }
    }

    @ParameterizedTest
    @EnumSource(ShellKind.class)
    void AC_8_activatingAgainInAnActiveShellDoesNotNest(ShellKind shell) {
        TestProject project = projects.withManifest(MANIFEST);
        shell.writeUserRc(project);
        try (Tmux tmux = new Tmux(project.home(), shell.terminalEnv(project))) {
            tmux.open("t", project.dir(), "exec " + shell.program + " -i");
            tmux.type("t", ShellKind.envy() + " activate");
            tmux.expect("t", "(envy:project) ");
            tmux.type("t", "echo \"P1\"\"=[" + shell.pid + "]\"");
            tmux.type("t", ShellKind.envy() + " activate; echo \"RC\"\"=[" + shell.status + "]\"");
            tmux.expect("t", "envy: already active in this shell (project)");
            tmux.expect("t", "RC=[0]");
            tmux.type("t", shell.inPlace(ShellKind.envy()) + "; echo \"RC2\"\"=[" + shell.status + "]\"");
            tmux.expect("t", "RC2=[0]");
            tmux.type("t", "echo \"P2\"\"=[" + shell.pid + "]\"");
            tmux.await("t", "P2=[");
            String screen = tmux.screen("t");
            assertEquals(between(screen, "P1=["), between(screen, "P2=["), "still the same shell: " + screen);
            assertFalse(screen.contains("(envy:project) (envy:project)"), "the prompt marker is not nested: " + screen);
        }
    }

    @Test
    void AC_1_commandRunsInTheEnvironmentAndEnvyExitsWithItsCode() {
        TestProject project = projects.withManifest(MANIFEST);
        Run run = project.envy().withEnv("WHO", "world")
                .run("activate", "--", "sh", "-c", "echo \"C\"\"=[$GREETING|$HOOKED|$1]\"; exit 7", "sh", "one arg");
        assertEquals(7, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains("C=[hello world|from hook|one arg]"), run.toString());
        assertTrue(run.stderr().contains("the hook ran"), "the hook's output goes to stderr: " + run);
    }

    @Test
    void inPlaceScriptGoesToStdoutAndMessagesToStderr() {
        TestProject project = projects.withManifest(MANIFEST);
        Run run = project.envy().withEnv("SHELL", "/usr/bin/bash").run("activate", "--shell", "bash");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().contains("export GREETING="), run.toString());
        assertFalse(run.stdout().contains("the hook ran"), "stdout is evaluated: nothing but code: " + run);
        assertTrue(run.stderr().contains("the hook ran"), run.toString());
    }

    @Test
    void aManifestForAnotherSystemIsRefusedNamingThisOne() {
        TestProject project = projects.withManifest("[options]\nsystems = [\"aarch64-darwin\"]\n");
        Run run = project.run("activate", "--", "true");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains("x86_64-linux"), run.toString());
    }

    private static boolean daemonFilesIn(TestProject project) {
        try (var files = Files.walk(project.runtimeDir())) {
            return files.anyMatch(f -> f.getFileName().toString().equals("daemon.sock"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String between(String screen, String start) {
        int i = screen.lastIndexOf(start);
        return screen.substring(i + start.length(), screen.indexOf(']', i));
    }
}

package dev.envy.cli.activate;

import dev.envy.host.os.ProcStat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decisions of an activation that need no shell: mode, shell, PIDs, hook exports. */
class ActivationRulesTest {
    @TempDir
    Path proc;

    @Test
    void aCommandAfterDoubleDashAlwaysRunsAsACommand() {
        assertEquals(new Mode.Command(List.of("true")), Mode.decide(List.of("true"), true, true, true));
    }

    @Test
    void aTerminalOnStdoutStartsASubshellAndACapturedStdoutPrintsTheScript() {
        assertEquals(new Mode.Subshell(), Mode.decide(List.of(), false, true, true));
        assertEquals(new Mode.InPlace(), Mode.decide(List.of(), false, true, false));
        assertEquals(new Mode.InPlace(), Mode.decide(List.of(), true, true, true), "--print-script wins");
        assertEquals(new Mode.InPlace(), Mode.decide(List.of(), false, false, true), "no launcher: nothing could exec a shell");
    }

    @Test
    void shellsAreKnownByProgramPathOrLoginName() {
        assertEquals(Optional.of(Shell.ZSH), Shell.fromProgram("/usr/bin/zsh"));
        assertEquals(Optional.of(Shell.BASH), Shell.fromProgram("-bash"));
        assertEquals(Optional.of(Shell.FISH), Shell.fromProgram("fish"));
        assertEquals(Optional.empty(), Shell.fromProgram("/bin/tcsh"));
    }

    @Test
    void anUnsupportedLoginShellFallsBackToBashWithANote() throws Exception {
        ShellChoice choice = ShellChoice.of(Optional.empty(), Map.of("SHELL", "/bin/tcsh"), OptionalLong.empty(),
                new EvaluatingShell(proc));
        assertEquals(Shell.BASH, choice.shell());
        assertTrue(choice.note().orElseThrow().contains("/bin/tcsh"));
        assertThrows(ShellChoice.BadShell.class, () -> ShellChoice.of(Optional.of("tcsh"), Map.of(),
                OptionalLong.empty(), new EvaluatingShell(proc)));
    }

    @Test
    void startTimeIsField22EvenWhenTheCommandNameHasSpacesAndParens() throws IOException {
        process(100, 1, "we (ird) name", "zsh -i");
        assertEquals(OptionalLong.of(4242), ProcStat.startTime(proc, 100));
        assertEquals(OptionalLong.of(1), ProcStat.ppid(proc, 100));
    }

    @Test
    void theScriptsDialectIsTheLaunchersParentsWhichAForkShares() throws IOException {
        process(10, 1, "bash", "bash -i");
        process(11, 10, "bash", "bash -i");      // $( ) subshell: a fork of 10
        process(12, 11, "sh", "/bin/sh envy activate");
        process(20, 1, "fish", "fish");
        process(21, 20, "sh", "/bin/sh envy activate");
        EvaluatingShell shells = new EvaluatingShell(proc);
        assertEquals(OptionalLong.of(11), shells.parentOf(12), "never climbs: the PID is the script's to claim");
        assertEquals(Optional.of(Shell.BASH), shells.shellOf(11));
        assertEquals(OptionalLong.of(20), shells.parentOf(21));
        assertEquals(Optional.of(Shell.FISH), shells.shellOf(20));
    }

    @Test
    void theHookKeepsWhatItExportedAndDropsWhatItUnset() {
        EnvironmentChange change = HookRun.diff(Map.of("A", "1", "GONE", "x", "PWD", "/a"),
                Map.of("A", "2", "NEW", "n", "PWD", "/b", "SHLVL", "2", "BASH_FUNC_f%%", "() { :; }"));
        assertEquals(Map.of("A", "2", "NEW", "n"), change.set());
        assertEquals(Set.of("GONE"), change.unset());
    }

    @Test
    void laterChangesWin() {
        EnvironmentChange merged = new EnvironmentChange(Map.of("A", "1", "B", "1"), Set.of("C"))
                .then(new EnvironmentChange(Map.of("C", "3"), Set.of("A")));
        assertEquals(Map.of("B", "1", "C", "3"), merged.set());
        assertEquals(Set.of("A"), merged.unset());
    }

    private void process(long pid, long parent, String comm, String cmdline) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        StringBuilder stat = new StringBuilder(pid + " (" + comm + ") S " + parent);
        for (int field = 5; field <= 21; field++) {
            stat.append(" 0");
        }
        stat.append(" 4242 0 0");
        Files.writeString(dir.resolve("stat"), stat.toString());
        Files.writeString(dir.resolve("comm"), comm + "\n");
        Files.writeString(dir.resolve("cmdline"), cmdline.replace(' ', '\0') + "\0");
    }
}

package dev.envy.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    @TempDir
    Path dir;

    @Test
    void versionNamesTheBuildAndTheJava() {
        CliRun.Result r = new CliRun(dir).run("--version");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("envy 0.1.0\njava 25"), r.toString());
    }

    @Test
    void helpListsEveryTopLevelCommand() {
        CliRun.Result r = new CliRun(dir).run("--help");
        assertEquals(0, r.exitCode(), r.toString());
        for (String command : List.of("init", "check", "up", "down", "services", "daemon")) {
            assertTrue(r.out().contains("\n  " + command), "help lists " + command + "\n" + r.out());
        }
        assertTrue(r.out().contains("Exit codes: 0 ok"), r.out());
    }

    @Test
    void everyCommandHasADescriptionAndExamplesOrSubcommands() {
        CommandLine root = Commands.commandLine(new EnvyCommand(
                new CliContext(dir, Map.of(), "x86_64-linux", InstantSource.system(), c -> new FakeDaemon())));
        List<String> missing = new ArrayList<>();
        walk(root, missing);
        assertEquals(List.of(), missing, "commands without a description or examples");
    }

    private static void walk(CommandLine cmd, List<String> missing) {
        var spec = cmd.getCommandSpec();
        if (spec.usageMessage().description().length == 0) {
            missing.add(spec.qualifiedName() + " (description)");
        }
        if (cmd.getSubcommands().isEmpty() && !spec.qualifiedName().equals("envy daemon status")
                && spec.usageMessage().footer().length == 0) {
            missing.add(spec.qualifiedName() + " (examples)");
        }
        StringWriter help = new StringWriter();
        cmd.usage(new PrintWriter(help), CommandLine.Help.Ansi.OFF);
        if (help.toString().isBlank()) {
            missing.add(spec.qualifiedName() + " (help page)");
        }
        cmd.getSubcommands().values().forEach(sub -> walk(sub, missing));
    }

    @Test
    void everyCommandAnswersHelp() {
        for (String[] args : List.of(new String[] {"init", "--help"}, new String[] {"check", "-h"},
                new String[] {"services", "--help"}, new String[] {"services", "status", "--help"},
                new String[] {"daemon", "status", "--help"}, new String[] {"up", "--help"})) {
            CliRun.Result r = new CliRun(dir).run(args);
            assertEquals(0, r.exitCode(), String.join(" ", args) + "\n" + r);
            assertTrue(r.out().startsWith("Usage: envy "), r.out());
        }
    }

    @Test
    void unknownCommandIsExit2WithASuggestion() {
        CliRun.Result r = new CliRun(dir).run("chek");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("envy: unknown command 'chek' for `envy`\nhint: did you mean 'check'? (`envy --help` lists the commands)\n",
                r.err());
    }

    @Test
    void unknownCommandWithoutAnyCloseOneHintsAtTheList() {
        CliRun.Result r = new CliRun(dir).run("xyzzy");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("envy: unknown command 'xyzzy' for `envy`\nhint: `envy --help` lists the commands\n", r.err());
    }

    @Test
    void unknownSubcommandIsExit2WithASuggestion() {
        CliRun.Result r = new CliRun(dir).run("services", "stat");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("envy: unknown command 'stat' for `envy services`\nhint: did you mean 'start'?")
                || r.err().startsWith("envy: unknown command 'stat' for `envy services`\nhint: did you mean 'status'?"),
                r.err());
    }

    @Test
    void badOptionIsExit2WithTheUsageHint() {
        CliRun.Result r = new CliRun(dir).run("check", "--frobnicate");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("envy: unknown option: '--frobnicate'"), r.err());
        assertTrue(r.err().contains("hint: see `envy check --help` for usage"), r.err());
    }

    @Test
    void badDurationIsExit2() {
        CliRun.Result r = new CliRun(dir).run("services", "start", "--timeout", "soon");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("'soon' is not a duration"), r.err());
    }

    @Test
    void noCommandPrintsUsageAndIsExit2() {
        CliRun.Result r = new CliRun(dir).run();
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("Usage: envy"), r.err());
    }

    @Test
    void noManifestAnywhereSaysWhereItLookedAndHowToCreateOne() {
        CliRun.Result r = new CliRun(dir).run("check");
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals("envy: no envy.toml found in " + dir + " or any parent directory\n"
                + "hint: run `envy init` to create one\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void unexpectedFailureIsOneSentenceWithoutStackTraceUnlessDebug() {
        StringWriter err = new StringWriter();
        int code = Failures.report(new IllegalStateException("boom"), new PrintWriter(err), false);
        assertEquals(1, code);
        assertEquals("envy: unexpected error: IllegalStateException: boom\n"
                + "hint: run the command again with --debug to see where it happened\n", err.toString());
        StringWriter debugErr = new StringWriter();
        Failures.report(new IllegalStateException("boom"), new PrintWriter(debugErr), true);
        assertTrue(debugErr.toString().contains("\tat "), debugErr.toString());
        assertFalse(err.toString().contains("\tat "));
    }

    @Test
    void envyExceptionPrintsMessageAndHintWithItsExitCode() {
        StringWriter err = new StringWriter();
        int code = Failures.report(EnvyException.daemon("cannot reach the daemon", "see the log"), new PrintWriter(err), false);
        assertEquals(3, code);
        assertEquals("envy: cannot reach the daemon\nhint: see the log\n", err.toString());
    }
}

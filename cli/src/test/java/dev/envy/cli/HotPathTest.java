package dev.envy.cli;

import dev.envy.cli.activate.Request;
import dev.envy.cli.commands.WaitOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link HotPath} reads a command line exactly as picocli does, or declines it: for every argument vector of a broad
 * table, when the hot path reads an {@link Invocation}, picocli parses the same arguments without error or help
 * request into a command whose {@link Invocation.Parsed#invocation()} is equal (options, names, {@code -d} value,
 * defaults such as {@code --timeout}'s).
 */
class HotPathTest {
    @TempDir
    Path dir;

    /** Command lines the hot path must read (the hot commands as people type them). */
    private static final List<List<String>> READ = List.of(
            List.of("services", "status"),
            List.of("services", "status", "db"),
            List.of("services", "status", "db", "web"),
            List.of("services", "status", "status"),
            List.of("services", "status", "start"),
            List.of("services", "status", "activate"),
            List.of("services", "status", "db=1"),
            List.of("services", "start"),
            List.of("services", "start", "web", "worker"),
            List.of("services", "stop"),
            List.of("services", "stop", "web"),
            List.of("services", "restart"),
            List.of("services", "restart", "db"),
            List.of("up", "-d"),
            List.of("up", "--detach"),
            List.of("down"),
            List.of("activate"),
            List.of("activate", "-s"),
            List.of("activate", "--start-services"),
            List.of("activate", "--no-start-services"),
            List.of("activate", "-s", "--no-start-services"),
            List.of("activate", "--print-script"),
            List.of("activate", "--print-script", "-s"),
            List.of("activate", "--"),
            List.of("activate", "--", "true"),
            List.of("activate", "-s", "--", "true"),
            List.of("activate", "-s", "--", "sh", "-c", "echo $X"),
            List.of("activate", "--", "-s"),
            List.of("activate", "--", "--"),
            List.of("activate", "--", "--help"),
            List.of("activate", "--", "--debug"),
            List.of("activate", "--", "-d", "x"),
            List.of("activate", "--", ""),
            List.of("activate", "--print-script", "--", "env", "--", "x"),
            List.of("-d", "proj", "services", "status"),
            List.of("--dir", "proj", "services", "status", "db"),
            List.of("-d", "proj", "up", "-d"),
            List.of("--dir", "proj", "up", "--detach"),
            List.of("-d", "/abs/proj", "down"),
            List.of("-d", "proj", "activate", "-s", "--", "true"),
            List.of("-d", "init", "activate"),
            List.of("-d", "down", "services", "stop"),
            List.of("-d", "stop", "services", "stop"),
            List.of("-d", "services", "up", "-d"),
            List.of("-d", "a b/c", "services", "restart", "x"));

    /** Command lines that must go through picocli (other options, help, errors, shapes picocli reads its own way). */
    private static final List<List<String>> DECLINED = List.of(
            List.of(),
            List.of("-d"),
            List.of("-d", "proj"),
            List.of("--dir"),
            List.of("-d", "-x", "down"),
            List.of("-d", "", "down"),
            List.of("-dproj", "down"),
            List.of("--dir=proj", "down"),
            List.of("-d", "a", "-d", "b", "down"),
            List.of("-d", "activate", "activate"),
            List.of("-d", "services", "services", "stop"),
            List.of("-d", "up", "up", "-d"),
            List.of("--help"),
            List.of("--version"),
            List.of("--debug", "down"),
            List.of("down", "--debug"),
            List.of("down", "-h"),
            List.of("down", "extra"),
            List.of("up"),
            List.of("up", "-d", "-d"),
            List.of("up", "-d", "--detach"),
            List.of("up", "-d", "--no-wait"),
            List.of("up", "-d", "--timeout", "2m"),
            List.of("up", "--timeout=2m", "-d"),
            List.of("up", "-d", "--"),
            List.of("services"),
            List.of("services", "--help"),
            List.of("services", "stat"),
            List.of("services", "logs"),
            List.of("services", "reload"),
            List.of("services", "status", "--json"),
            List.of("services", "status", "-h"),
            List.of("services", "status", "--", "db"),
            List.of("services", "status", "-"),
            List.of("services", "status", ""),
            List.of("services", "status", "@names"),
            List.of("services", "start", "--no-wait"),
            List.of("services", "start", "db", "--timeout", "5s"),
            List.of("services", "stop", "--no-wait"),
            List.of("services", "restart", "--with-dependents", "db"),
            List.of("services", "-d", "x", "status"),
            List.of("activate", "-s", "-s"),
            List.of("activate", "-s", "--start-services"),
            List.of("activate", "--print-script", "--print-script"),
            List.of("activate", "--no-start-services", "--no-start-services"),
            List.of("activate", "-sh"),
            List.of("activate", "-S"),
            List.of("activate", "--shell", "bash"),
            List.of("activate", "--shell=zsh", "--", "true"),
            List.of("activate", "--start"),
            List.of("activate", "--start-services=true"),
            List.of("activate", "true"),
            List.of("activate", "-s", "true"),
            List.of("activate", "--", "@args"),
            List.of("activate", "--help"),
            List.of("activate", "-h"),
            List.of("init"),
            List.of("check"),
            List.of("edit"),
            List.of("daemon", "status"),
            List.of("Down"),
            List.of("@args"));

    @Test
    void whatTheHotPathReadsIsWhatPicocliParses() throws Exception {
        Files.writeString(dir.resolve("args"), "services status\n");
        List<String> checked = new ArrayList<>();
        for (List<String> args : Stream.concat(READ.stream(), DECLINED.stream()).toList()) {
            Optional<Invocation> hot = HotPath.read(args.toArray(String[]::new));
            if (hot.isPresent()) {
                assertEquals(Optional.of(hot.get()), picocli(args), "picocli reads " + args + " the same");
                checked.add(String.join(" ", args));
            }
        }
        assertEquals(READ.size(), checked.size(), "every hot command line was compared: " + checked);
    }

    @Test
    void theHotCommandLinesAreReadAndEverythingElseDeclined() {
        for (List<String> args : READ) {
            assertTrue(HotPath.read(args.toArray(String[]::new)).isPresent(), "reads " + args);
        }
        for (List<String> args : DECLINED) {
            assertFalse(HotPath.read(args.toArray(String[]::new)).isPresent(), "declines " + args);
        }
    }

    @Test
    void readsTheRequestsAsTheyWereTyped() {
        assertEquals(Optional.of(new Invocation.Activate(Optional.of(Path.of("p")),
                        new Request(true, false, Optional.empty(), false, List.of("sh", "-c", "x")))),
                HotPath.read(new String[]{"-d", "p", "activate", "-s", "--", "sh", "-c", "x"}));
        assertEquals(Optional.of(new Invocation.Up(Optional.empty(), true, true, WaitOptions.DEFAULT_TIMEOUT)),
                HotPath.read(new String[]{"up", "-d"}));
        assertEquals(Optional.of(new Invocation.Stop(Optional.empty(), List.of("a", "b"), true)),
                HotPath.read(new String[]{"services", "stop", "a", "b"}));
    }

    @Test
    void aHotCommandHasTheSameEffectWithAndWithoutPicocli() throws Exception {
        List<List<String>> commands = List.of(
                List.of("services", "status"),
                List.of("services", "status", "db"),
                List.of("services", "status", "nope"),
                List.of("services", "stop"),
                List.of("services", "stop", "web"),
                List.of("services", "start", "db"),
                List.of("services", "restart"),
                List.of("down"),
                List.of("-d", "missing", "services", "status"),
                List.of("-d", "sub", "down"));
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(project.resolve("envy.toml"), """
                [services.db]
                command = "sleep 100"
                [services.web]
                command = "sleep 100"
                depends-on = ["db"]
                """);
        for (Path workingDir : List.of(project, dir)) {
            for (List<String> args : commands) {
                String[] argv = args.toArray(String[]::new);
                assertTrue(HotPath.read(argv).isPresent(), "a hot command line: " + args);
                assertEquals(new CliRun(workingDir).runThroughPicocli(argv).toString(),
                        new CliRun(workingDir).run(argv).toString(), args + " in " + workingDir);
            }
        }
    }

    /** What picocli parses {@code args} into, when it is a hot command run without error, help or --debug. */
    private Optional<Invocation> picocli(List<String> args) {
        String[] argv = args.toArray(String[]::new);
        PrintWriter sink = new PrintWriter(new StringWriter());
        CliRun run = new CliRun(dir);
        CommandLine cl = Main.commandLine(argv, run.context(), sink, sink);
        ParseResult result;
        try {
            result = cl.parseArgs(argv);
        } catch (CommandLine.ParameterException e) {
            return Optional.empty();
        }
        boolean help = false;
        ParseResult leaf = result;
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            help |= r.isUsageHelpRequested() || r.isVersionHelpRequested();
            leaf = r;
        }
        EnvyCommand root = (EnvyCommand) result.commandSpec().userObject();
        if (help || root.debug() || !(leaf.commandSpec().userObject() instanceof Invocation.Parsed parsed)) {
            return Optional.empty();
        }
        return Optional.of(parsed.invocation());
    }
}

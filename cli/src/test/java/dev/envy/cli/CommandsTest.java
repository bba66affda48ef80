package dev.envy.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command tree is built only as far as a run's arguments name it, and whole where they name nothing. */
class CommandsTest {
    @TempDir
    Path dir;

    private CommandLine build(String... args) {
        return Commands.commandLine(new EnvyCommand(
                new CliContext(dir, Map.of(), "x86_64-linux", InstantSource.system(), c -> new FakeDaemon())), args);
    }

    @Test
    void aNamedPathBuildsOnlyItsCommands() {
        CommandLine cl = build("-d", "some/dir", "services", "status", "--json");
        assertEquals(Set.of("services"), cl.getSubcommands().keySet());
        assertEquals(Set.of("status"), cl.getSubcommands().get("services").getSubcommands().keySet());
    }

    @Test
    void helpAndTyposBuildTheWholeLevel() {
        assertTrue(build("--help").getSubcommands().keySet().containsAll(List.of("init", "check", "services", "daemon")));
        assertTrue(build("chek").getSubcommands().containsKey("check"));
        assertTrue(build("services", "stat").getSubcommands().get("services").getSubcommands().keySet()
                .containsAll(List.of("start", "stop", "restart", "status")));
    }

    @Test
    void theFullTreeHasEveryCommand() {
        CommandLine all = Commands.commandLine(new EnvyCommand(
                new CliContext(dir, Map.of(), "x86_64-linux", InstantSource.system(), c -> new FakeDaemon())));
        assertTrue(all.getSubcommands().keySet().containsAll(List.of("init", "check", "up", "down", "services", "daemon")));
    }
}

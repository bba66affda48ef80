package dev.envy.it.cli;

import dev.envy.it.support.Envy;
import dev.envy.it.support.Projects;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real bin/envy as a newcomer meets it: version, help, init, check, mistakes. */
class FrontDoorTest {
    @RegisterExtension
    final Projects projects = new Projects();

    @Test
    void versionNamesEnvyAndItsJava() {
        Run r = projects.empty().run("--version").assertOk();
        assertEquals("envy 0.1.0", r.stdoutLines().getFirst());
        assertTrue(r.stdoutLines().get(1).startsWith("java 25"), r.toString());
        assertEquals("", r.stderr());
    }

    @Test
    void helpListsTheCommandsAndEachCommandHasExamples() {
        TestProject p = projects.empty();
        Run help = p.run("--help").assertOk();
        for (String command : List.of("init", "check", "up", "down", "services", "daemon")) {
            assertTrue(help.stdout().contains("  " + command + " "), command + " in\n" + help);
        }
        for (String[] command : List.of(new String[] {"init", "--help"}, new String[] {"check", "--help"},
                new String[] {"services", "start", "--help"}, new String[] {"services", "status", "--help"},
                new String[] {"up", "--help"}, new String[] {"down", "--help"})) {
            p.run(command).assertOk().assertStdoutContains("Examples:");
        }
    }

    @Test
    void checkOnEachExamplePrintsItsPlan() {
        projects.copyOf("webapp").run("check").assertOk()
                .assertStdoutContains("1: cache, db\n2: migrate\n3: web\nmigrate waits for db (ready)\n"
                        + "web waits for db (ready), cache (ready), migrate (completed)\n");
        projects.copyOf("readiness-chain").run("check").assertOk()
                .assertStdoutContains("1: first\n2: second\n3: third\n4: fourth\n");
        projects.copyOf("flox").run("check").assertOk()
                .assertStdoutContains("1: api\n2: worker\nworker waits for api (ready)\n");
    }

    @Test
    void checkWithDirFromAnywhereFindsTheExample() {
        Run r = Envy.in(Path.of("/")).run("-d", Envy.home().resolve("manifests/webapp").toString(), "check").assertOk();
        assertTrue(r.stdoutLines().getFirst().endsWith("manifests/webapp/envy.toml: valid, 4 services"), r.toString());
    }

    @Test
    void checkFindsTheManifestFromASubdirectory() throws Exception {
        TestProject p = projects.copyOf("webapp");
        Path sub = Files.createDirectories(p.dir().resolve("src/deep"));
        p.envy().withWorkDir(sub).run("check").assertOk().assertStdoutContains("3: web");
    }

    @Test
    void anInvalidManifestIsExit2WithEveryProblemAndNoStackTrace() {
        TestProject p = projects.withManifest("""
                [services.web]
                command = "run"
                depend-on = ["db"]
                stop-signal = "TERMINATE"
                """);
        Run r = p.run("check").assertExit(2);
        assertTrue(r.stderrLines().stream().anyMatch(l -> l.startsWith("envy.toml:3:1: ") && l.contains("depends-on")), r.toString());
        assertTrue(r.stderrLines().stream().anyMatch(l -> l.startsWith("envy.toml:4:")), r.toString());
        assertTrue(r.stderr().contains("hint: fix them and run `envy check` again"), r.toString());
        assertTrue(!r.stderr().contains("\tat "), r.toString());
        assertEquals("", r.stdout());
    }

    @Test
    void noManifestSaysSoWithAHint() {
        TestProject p = projects.empty();
        Run r = p.run("check").assertExit(2);
        assertEquals(List.of("envy: no envy.toml found in " + p.dir() + " or any parent directory",
                "hint: run `envy init` to create one"), r.stderrLines());
    }

    @Test
    void initWritesAValidManifestAndRefusesASecondTime() throws Exception {
        TestProject p = projects.empty();
        p.run("init").assertOk();
        assertEquals("*\n", Files.readString(p.dir().resolve(".envy/.gitignore")));
        p.run("check").assertOk().assertStdoutContains("1: web");
        Path manifest = p.manifest();
        String written = Files.readString(manifest);
        p.run("init").assertExit(2).assertStderrContains("already exists").assertStderrContains("--force");
        assertEquals(written, Files.readString(manifest));
        p.run("init", "--force").assertOk();
    }

    @Test
    void unknownCommandIsExit2WithADidYouMean() {
        Run r = projects.empty().run("chek").assertExit(2);
        assertEquals(List.of("envy: unknown command 'chek' for `envy`",
                "hint: did you mean 'check'? (`envy --help` lists the commands)"), r.stderrLines());
    }

    @Test
    void badFlagIsExit2() {
        projects.copyOf("webapp").run("services", "status", "--bogus").assertExit(2)
                .assertStderrContains("hint: see `envy services status --help` for usage");
    }

    @Test
    void aSymlinkedLauncherInAnotherDirectoryWorks() throws Exception {
        TestProject p = projects.copyOf("webapp");
        Path binDir = Files.createDirectories(p.home().resolve(".local/bin"));
        Path link = Files.createSymbolicLink(binDir.resolve("envy"), Envy.home().resolve("bin/envy"));
        // a relative link, two hops: ~/bin/e -> ../.local/bin/envy -> bin/envy
        Path otherBin = Files.createDirectories(p.home().resolve("bin"));
        Path relative = Files.createSymbolicLink(otherBin.resolve("e"), Path.of("../.local/bin/envy"));
        p.envy().withExecutable(link).run("check").assertOk().assertStdoutContains("3: web");
        p.envy().withExecutable(relative).run("--version").assertOk().assertStdoutContains("envy 0.1.0");
    }

    @Test
    void theLauncherRunsFromPathWithoutJavaHome() throws Exception {
        TestProject p = projects.copyOf("webapp");
        Path binDir = Files.createDirectories(p.home().resolve("bin"));
        Files.createSymbolicLink(binDir.resolve("envy"), Envy.home().resolve("bin/envy"));
        p.envy().withEnv("JAVA_HOME", null).withEnv("PATH", binDir + ":/usr/bin:/bin")
                .withCommandFromPath("envy").run("--version").assertOk().assertStdoutContains("java 25");
    }
}

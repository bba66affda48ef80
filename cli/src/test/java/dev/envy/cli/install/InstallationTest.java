package dev.envy.cli.install;

import dev.envy.cli.CliRun;
import dev.envy.cli.Commands;
import dev.envy.cli.completion.CommandModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class InstallationTest {
    @TempDir
    Path tmp;
    Path launcher;
    Installation inst;
    CommandModel model;

    @BeforeEach
    void setUp() throws IOException {
        launcher = Files.createDirectories(tmp.resolve("checkout/bin")).resolve("envy");
        Files.writeString(launcher, "#!/bin/sh\n# envy launcher: finds a JDK 25…\n");
        inst = new Installation(tmp.resolve("prefix"));
        model = CommandModel.of(Commands.all(new CliRun(tmp).context()));
    }

    private List<String> files() throws IOException {
        try (Stream<Path> all = Files.walk(inst.prefix())) {
            return all.filter(p -> !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .map(p -> inst.prefix().relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void installWritesTheLinkAPagePerCommandAndTheCompletionsAndUninstallRemovesExactlyThose() throws IOException {
        Files.createDirectories(inst.man1());
        Files.writeString(inst.man1().resolve("other.1"), ".TH OTHER 1\n");
        List<String> done = inst.install(launcher, model, false);
        assertEquals(inst.link() + " -> " + launcher, done.getFirst());
        assertEquals(launcher, Files.readSymbolicLink(inst.link()));
        List<String> files = files();
        assertTrue(files.contains("share/man/man1/envy.1"), files.toString());
        assertTrue(files.contains("share/man/man1/envy-services-start.1"), files.toString());
        assertTrue(files.contains("share/bash-completion/completions/envy"), files.toString());
        assertTrue(files.contains("share/zsh/site-functions/_envy"), files.toString());
        assertTrue(files.contains("share/fish/vendor_completions.d/envy.fish"), files.toString());
        assertEquals(model.commands().size() + 1 + 1 + 3, files.size(), "a page per command, the link, the other "
                + "program's page, three completions: " + files);

        assertEquals(done.stream().map(l -> l.replace(" -> " + launcher, " -> " + launcher + " (already there)"))
                .toList().getFirst(), inst.install(launcher, model, false).getFirst(), "installing again is harmless");

        List<String> removed = inst.uninstall();
        assertEquals(List.of("share/man/man1/other.1"), files(), "only what envy wrote is gone: " + removed);
        assertEquals(List.of(), inst.uninstall(), "nothing left to remove");
    }

    @Test
    void aFileEnvyDidNotMakeStopsTheInstallBeforeAnythingIsWrittenUnlessForced() throws IOException {
        Files.createDirectories(inst.bin());
        Files.writeString(inst.link(), "#!/bin/sh\necho another envy\n");
        var e = assertThrows(dev.envy.cli.EnvyException.class, () -> inst.install(launcher, model, false));
        assertEquals(2, e.exitCode());
        assertEquals(inst.link() + " already exists and envy did not make it; nothing was installed", e.getMessage());
        assertEquals(List.of("bin/envy"), files());

        inst.install(launcher, model, true);
        assertTrue(Files.isSymbolicLink(inst.link()));
        inst.uninstall();
        assertEquals(List.of(), files());
    }

    @Test
    void uninstallLeavesALinkToSomethingElse() throws IOException {
        Files.createDirectories(inst.bin());
        Path other = Files.writeString(tmp.resolve("other"), "#!/bin/sh\n");
        Files.createSymbolicLink(inst.link(), other);
        assertEquals(List.of("left " + inst.link() + ": it is not a link to envy's launcher"), inst.uninstall());
        assertTrue(Files.isSymbolicLink(inst.link()));
    }

    @Test
    void thePageOfACommandThatIsGoneIsRemovedByTheNextInstall() throws IOException {
        inst.install(launcher, model, false);
        Path old = inst.man1().resolve("envy-vanished.1");
        Files.writeString(old, ManPages.MARKER + "\n.TH ENVY-VANISHED 1\n");
        inst.install(launcher, model, false);
        assertFalse(Files.exists(old));
    }

    @Test
    void everyManPageIsValidTroffWithoutWarnings() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/groff")), "groff is installed (.ci/run installs it)");
        inst.install(launcher, model, false);
        try (Stream<Path> pages = Files.list(inst.man1())) {
            for (Path page : pages.toList()) {
                Process p = new ProcessBuilder("groff", "-man", "-ww", "-z", page.toString())
                        .redirectErrorStream(true).start();
                assertTrue(p.waitFor(20, TimeUnit.SECONDS));
                assertEquals("", new String(p.getInputStream().readAllBytes()), page.toString());
            }
        }
        String logs = Files.readString(inst.man1().resolve("envy-services-logs.1"));
        assertTrue(logs.contains(".SH NAME\nenvy\\-services\\-logs \\- show the services' logs"), logs);
        assertTrue(logs.contains("\\fB\\-n\\fR, \\fB\\-\\-lines\\fR \\fIN\\fR"), logs);
        assertTrue(logs.contains(".SH SEE ALSO\n\\fBenvy\\-services\\fR(1)"), logs);
    }

    @Test
    void adviceSaysOnlyWhatIsMissing() throws IOException {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Installation local = new Installation(home.resolve(".local"));
        Path zshDir = local.completions().get("zsh").getParent();
        Path fishDir = local.completions().get("fish").getParent();
        Map<String, String> env = Map.of("HOME", home.toString(), "PATH", "/usr/bin:/bin");
        List<String> advice = InstallAdvice.of(local, env, command -> Optional.of(command.getFirst().equals("zsh")
                ? "/usr/share/zsh/functions\n" : fishDir + "\n"));
        assertTrue(advice.getFirst().startsWith("PATH: " + local.bin() + " is not on it; add `export PATH=\"$HOME/.local/bin:$PATH\"`"),
                advice.toString());
        assertTrue(advice.stream().anyMatch(a -> a.startsWith("zsh: add `fpath=($HOME/.local/share/zsh/site-functions $fpath)`")),
                advice.toString());
        assertTrue(advice.stream().noneMatch(a -> a.startsWith("fish")), "fish already looks there: " + advice);

        Files.writeString(home.resolve(".zshrc"), "fpath=(~/.local/share/zsh/site-functions $fpath)\n");
        Map<String, String> onPath = Map.of("HOME", home.toString(), "PATH", local.bin() + ":/usr/bin");
        List<String> none = InstallAdvice.of(local, onPath, command -> Optional.of(command.getFirst().equals("zsh")
                ? zshDir + "\n" : fishDir + "\n"));
        assertTrue(none.stream().noneMatch(a -> a.startsWith("PATH") || a.startsWith("man") || a.startsWith("zsh")),
                none.toString());
        List<String> manpath = InstallAdvice.of(local, Map.of("HOME", home.toString(), "PATH", local.bin().toString(),
                "MANPATH", "/usr/share/man"), command -> Optional.empty());
        assertTrue(manpath.stream().anyMatch(a -> a.startsWith("MANPATH: ")), manpath.toString());
    }
}

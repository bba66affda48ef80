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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code envy install}, then real Tab presses in bash, zsh and fish (tmux) that load the completions from where
 * install put them, with the installed {@code envy} on PATH: commands, options and the project's service names.
 * And {@code man envy} from the installed pages, and {@code envy uninstall} taking exactly that away.
 */
class InstalledCompletionTest {
    @RegisterExtension
    final Projects projects = new Projects();

    private static final String MANIFEST = """
            [services.postgres]
            command = "sleep 1000"
            [services.web]
            command = "sleep 1000"
            [services.worker]
            command = "sleep 1000"
            """;

    /** The user's rc file that loads what install wrote, as the install's advice says. */
    private static String rc(ShellKind shell, Path prefix) {
        return switch (shell) {
            case BASH -> shell.rc + "source " + prefix.resolve("share/bash-completion/completions/envy") + "\n";
            case ZSH -> shell.rc + "fpath=(" + prefix.resolve("share/zsh/site-functions") + " $fpath)\n"
                    + "autoload -Uz compinit && compinit -u -d $HOME/.zcompdump\n";
            case FISH -> shell.rc + "set -p fish_complete_path " + prefix.resolve("share/fish/vendor_completions.d") + "\n";
        };
    }

    @ParameterizedTest
    @EnumSource(ShellKind.class)
    void tabCompletesCommandsOptionsAndTheProjectsServices(ShellKind shell) {
        TestProject project = projects.withManifest(MANIFEST);
        Path prefix = project.home().resolve("prefix");
        project.run("install", "--prefix", prefix.toString()).assertOk();
        project.writeFile("../home/" + shell.rcFile, rc(shell, prefix));
        Map<String, String> env = new java.util.LinkedHashMap<>(shell.terminalEnv(project));
        env.put("PATH", prefix.resolve("bin") + ":" + env.get("PATH"));
        try (Tmux tmux = new Tmux(project.home(), env)) {
            tmux.open("t", project.dir(), "exec " + shell.program + " -i");
            tmux.expect("t", shell.id() + "$ ");

            tmux.typeKeys("t", "envy serv", "Tab");
            tmux.expect("t", "envy services ");
            clearLine(tmux);
            tmux.typeKeys("t", "envy services st", "Tab", "Tab");
            tmux.expect("t", "status");
            tmux.expect("t", "stop");
            clearLine(tmux);

            tmux.typeKeys("t", "envy services stop ", "Tab", "Tab");
            tmux.expect("t", "worker");
            tmux.expect("t", "postgres");
            clearLine(tmux);

            tmux.typeKeys("t", "envy services logs --tim", "Tab");
            tmux.expect("t", "envy services logs --timestamps ");
            tmux.typeKeys("t", "we", "Tab");
            tmux.expect("t", "envy services logs --timestamps web");
            clearLine(tmux);

            tmux.typeKeys("t", "envy completion z", "Tab");
            tmux.expect("t", "envy completion zsh");
            clearLine(tmux);
        }
    }

    /**
     * A Tab at a service name reads {@code .envy/service-names} and starts no JVM once envy wrote that file; after
     * envy.toml changes, the next Tab asks envy once (it writes the file anew) and offers the new name.
     */
    @ParameterizedTest
    @EnumSource(ShellKind.class)
    void tabAtAServiceNameStartsEnvyOnlyAfterEnvyTomlChanged(ShellKind shell) throws IOException {
        TestProject project = projects.withManifest(MANIFEST);
        Path prefix = project.home().resolve("prefix");
        project.run("install", "--prefix", prefix.toString()).assertOk();
        project.writeFile("../home/" + shell.rcFile, rc(shell, prefix));
        Path runs = project.home().resolve("envy-runs");
        Path spy = project.writeFile("../home/spy/envy", "#!/bin/sh\necho run >> " + runs + "\nexec "
                + prefix.resolve("bin/envy") + " \"$@\"\n");
        spy.toFile().setExecutable(true);
        Map<String, String> env = new java.util.LinkedHashMap<>(shell.terminalEnv(project));
        env.put("PATH", spy.getParent() + ":" + env.get("PATH"));
        try (Tmux tmux = new Tmux(project.home(), env)) {
            tmux.open("t", project.dir(), "exec " + shell.program + " -i");
            tmux.expect("t", shell.id() + "$ ");

            tmux.typeKeys("t", "envy services stop w", "Tab", "Tab");
            tmux.expect("t", "worker");
            clearLine(tmux);
            assertEquals(List.of("web", "postgres", "worker").stream().sorted().toList(),
                    Files.readAllLines(project.dir().resolve(".envy/service-names")).stream().sorted().toList());
            long first = runs(runs);
            assertTrue(first >= 1, "the first Tab asks envy");

            tmux.typeKeys("t", "envy services restart p", "Tab");
            tmux.expect("t", "envy services restart postgres");
            clearLine(tmux);
            assertEquals(first, runs(runs), "no envy started: the names came from .envy/service-names");

            project.writeManifest(MANIFEST + "[services.mailer]\ncommand = \"sleep 1000\"\n");
            tmux.typeKeys("t", "envy services start ma", "Tab");
            tmux.expect("t", "envy services start mailer");
            clearLine(tmux);
            long afterEdit = runs(runs);
            assertTrue(afterEdit > first, "envy.toml changed: envy was asked again");
            tmux.typeKeys("t", "envy services logs ma", "Tab");
            tmux.expect("t", "envy services logs mailer");
            assertEquals(afterEdit, runs(runs), "and once only");
        }
    }

    private static long runs(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }

    @Test
    void manEnvyWorksAfterInstallAndUninstallRemovesExactlyWhatInstallWrote() throws IOException {
        TestProject project = projects.withManifest(MANIFEST);
        Path prefix = project.home().resolve("prefix");
        Files.createDirectories(prefix.resolve("share/man/man1"));
        Files.writeString(prefix.resolve("share/man/man1/other.1"), ".TH OTHER 1\n");
        Run install = project.envy().withEnv("PATH", "/usr/bin:/bin").run("install", "--prefix", prefix.toString())
                .assertOk();
        assertTrue(install.stdout().contains(prefix.resolve("bin/envy") + " -> " + Envy.home().resolve("bin/envy")),
                install.toString());
        assertTrue(install.stdout().contains("PATH: " + prefix.resolve("bin") + " is not on it"), install.toString());
        assertEquals(Envy.home().resolve("bin/envy"), Files.readSymbolicLink(prefix.resolve("bin/envy")));

        // man finds the pages through MANPATH, and through PATH (man-db looks in ../share/man of each PATH entry)
        Run viaManpath = shell(project, Map.of("MANPATH", prefix.resolve("share/man") + ":", "MANWIDTH", "80"),
                "man envy-services-logs | col -b");
        assertTrue(viaManpath.stdout().replaceAll("\\s+", " ").contains("envy-services-logs - show the services' logs"),
                viaManpath.toString());
        assertTrue(viaManpath.stdout().contains("--since WHEN"), viaManpath.toString());
        Run viaPath = shell(project, Map.of("PATH", prefix.resolve("bin") + ":/usr/bin:/bin"), "man -w envy");
        assertEquals(prefix.resolve("share/man/man1/envy.1").toString(), viaPath.stdout().strip(), viaPath.toString());
        Run local = shell(project, Map.of(), "man -l " + prefix.resolve("share/man/man1/envy.1") + " | col -b");
        assertTrue(local.stdout().contains("COMMANDS"), local.toString());

        // the installed link is a working envy
        Run linked = project.envy().withExecutable(prefix.resolve("bin/envy")).run("check").assertOk();
        assertTrue(linked.stdout().contains("valid, 3 services"), linked.toString());

        project.run("uninstall", "--prefix", prefix.toString()).assertOk();
        try (Stream<Path> left = Files.walk(prefix)) {
            assertEquals(List.of(prefix.resolve("share/man/man1/other.1")),
                    left.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList(),
                    "only the other program's page is left (and the directories)");
        }
        Run again = project.run("uninstall", "--prefix", prefix.toString()).assertOk();
        assertEquals("nothing of envy's is installed in " + prefix + "\n", again.stdout());
    }

    @Test
    void aFileInTheWayIsRefusedAndNothingIsWritten() throws IOException {
        TestProject project = projects.withManifest(MANIFEST);
        Path prefix = project.home().resolve("prefix");
        Files.createDirectories(prefix.resolve("bin"));
        Files.writeString(prefix.resolve("bin/envy"), "#!/bin/sh\necho someone else's envy\n");
        Run run = project.run("install", "--prefix", prefix.toString()).assertExit(2);
        assertEquals(List.of("envy: " + prefix.resolve("bin/envy") + " already exists and envy did not make it; "
                + "nothing was installed", "hint: move it away, or run `envy install --force` to replace it"),
                run.stderrLines());
        assertTrue(Files.notExists(prefix.resolve("share")), run.toString());
    }

    /** Ctrl-U: empties the line once the completion has finished (Ctrl-C would interrupt a running one). */
    private static void clearLine(Tmux tmux) {
        tmux.typeKeys("t", "C-u");
    }

    private static Run shell(TestProject project, Map<String, String> env, String command) {
        try {
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).directory(project.dir().toFile());
            pb.environment().put("PATH", "/usr/bin:/bin");
            pb.environment().remove("MANPATH");
            pb.environment().put("LC_ALL", "C"); // plain ASCII from man, whatever the machine's locale
            pb.environment().putAll(env);
            Path out = Files.createTempFile("envy-it-man-", ".txt");
            Path err = Files.createTempFile("envy-it-man-", ".err");
            try {
                Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new AssertionError(command + " did not finish within 60s");
                }
                return new Run(List.of("sh", "-c", command), p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

package dev.envy.it.cli;

import dev.envy.it.support.Projects;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bin/envy's own contract, with a stand-in "JDK 25" whose java is a script: the plan protocol (ENVY_PLAN sourced
 * after the JVM exits, in the launcher's own process; the JVM's exit code otherwise; the plan file removed) and
 * JDK selection. The start-up caches of two checkouts and of a rebuild: StartUpCacheTest.
 */
class LauncherTest {
    @RegisterExtension
    final Projects projects = new Projects();

    /** A fake JDK home: a release file saying 25 and a bin/java running {@code script} (sh). */
    private static Path fakeJdk(TestProject p, String name, String version, String script) throws Exception {
        Path home = p.home().resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = home.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\n" + script);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    @Test
    void aPlanIsSourcedInTheLauncherProcessAndItsExecDecidesTheExitCode() throws Exception {
        TestProject p = projects.copyOf("webapp");
        Path jdk = fakeJdk(p, "jdk25", "25.0.1", """
                echo "jvm: launcher $ENVY_LAUNCHER_PID"
                printf '%s\\n' 'echo "plan: running in $$"' 'exec sh -c "exit 5"' > "$ENVY_PLAN"
                echo "$ENVY_PLAN" > "$HOME/plan-path"
                exit 0
                """);
        Run r = p.envy().withEnv("JAVA_HOME", jdk.toString()).run("activate").assertExit(5);
        String launcher = r.stdoutLines().getFirst().substring("jvm: launcher ".length());
        assertEquals(List.of("jvm: launcher " + launcher, "plan: running in " + launcher), r.stdoutLines());
        Path plan = Path.of(Files.readString(p.home().resolve("plan-path")).trim());
        assertTrue(!Files.exists(plan), "the plan file is removed: " + plan);
    }

    @Test
    void withoutAPlanTheLauncherExitsWithTheJvmsCodeAndRemovesTheFile() throws Exception {
        TestProject p = projects.copyOf("webapp");
        Path jdk = fakeJdk(p, "jdk25", "25", """
                echo "$ENVY_PLAN" > "$HOME/plan-path"
                echo "args: $*" | sed 's/.*dev.envy.cli.Main/main:/'
                exit 4
                """);
        Run r = p.envy().withEnv("JAVA_HOME", jdk.toString()).run("services", "status").assertExit(4);
        assertEquals(List.of("main: services status"), r.stdoutLines());
        Path plan = Path.of(Files.readString(p.home().resolve("plan-path")).trim());
        assertTrue(!Files.exists(plan), "the plan file is removed: " + plan);
    }

    @Test
    void aJavaHomeOlderThan25IsPassedOverForARealJdk25() throws Exception {
        TestProject p = projects.copyOf("webapp");
        Path old = fakeJdk(p, "jdk17", "17.0.9", "echo 'the old java ran'; exit 9\n");
        Run r = p.envy().withEnv("JAVA_HOME", old.toString()).run("--version").assertOk();
        assertTrue(r.stdoutLines().get(1).startsWith("java 25"), r.toString());
    }

    @Test
    void theLauncherPassesEnvyHomeAndFastStartFlags() throws Exception {
        TestProject p = projects.copyOf("webapp");
        Path jdk = fakeJdk(p, "jdk25", "25", "printf '%s\\n' \"$@\"\n");
        Run r = p.envy().withEnv("JAVA_HOME", jdk.toString()).run("check").assertOk();
        List<String> args = r.stdoutLines();
        assertTrue(args.contains("-XX:TieredStopAtLevel=1"), args.toString());
        assertTrue(args.contains("-XX:+UseSerialGC"), args.toString());
        assertTrue(args.contains("--enable-native-access=ALL-UNNAMED"), args.toString());
        assertTrue(args.contains("-Denvy.home=" + dev.envy.it.support.Envy.home()), args.toString());
        assertEquals(List.of("dev.envy.cli.Main", "check"), args.subList(args.size() - 2, args.size()));
    }

    @Test
    void theStartUpCacheIsMadeByOneTrainingRunAndMappedByTheRunsAfterIt() throws Exception {
        TestProject p = projects.copyOf("webapp");
        Path cache = Files.createDirectories(p.home().resolve("cache"));
        Path classes = p.home().resolve("classes.log");
        dev.envy.it.support.Envy envy = p.envy().withEnv("XDG_CACHE_HOME", cache.toString());

        envy.run("--version").assertOk();
        List<Path> made = aotCaches(cache);
        assertEquals(1, made.size(), "one cache after the first run: " + made);
        assertTrue(Files.size(made.getFirst()) > 0, "the cache has content");
        long modified = Files.getLastModifiedTime(made.getFirst()).toMillis();

        envy.withEnv("ENVY_JAVA_OPTS", "-Xlog:class+load=info:file=" + classes).run("services", "status").assertOk();
        assertTrue(Files.readAllLines(classes).stream()
                        .anyMatch(l -> l.contains(" dev.envy.cli.Main ") && l.contains("shared objects file")),
                "the CLI's classes come from the cache, not the jar");
        assertEquals(modified, Files.getLastModifiedTime(made.getFirst()).toMillis(), "the cache is not made again");
    }

    @Test
    void aStatusBesideARunningDaemonTakesItsClientFromTheStartUpCache() throws Exception {
        TestProject p = projects.withManifest("""
                version = 1
                [services.s]
                command = "exec sleep 100000"
                """);
        Path classes = p.home().resolve("classes.log");
        p.run("up", "-d").assertOk();
        p.envy().withEnv("ENVY_JAVA_OPTS", "-Xlog:class+load=info:file=" + classes).run("services", "status")
                .assertOk();
        List<String> lines = Files.readAllLines(classes);
        // loaded only by a command that reaches a daemon: the socket's input stream and the peer check (SO_PEERCRED)
        for (String name : List.of("sun.nio.ch.SocketInputStream", "jdk.net.ExtendedSocketOptions")) {
            assertTrue(lines.stream().anyMatch(l -> l.contains(" " + name + " ") && l.contains("shared objects file")),
                    name + " comes from the start-up cache: " + lines.stream().filter(l -> l.contains(name)).toList());
        }
    }

    @Test
    void aTrainingRunThatFailsIsNotRetriedUntilTheNextBuild() throws Exception {
        TestProject p = projects.copyOf("webapp");
        Path calls = p.home().resolve("calls.log");
        Path jdk = fakeJdk(p, "jdk25", "25.0.99", "echo \"$*\" >> \"" + calls + "\"\n"
                + "case \"$*\" in *AotTraining*) exit 1 ;; esac\necho ran\n");
        Path cache = Files.createDirectories(p.home().resolve("cache"));
        dev.envy.it.support.Envy envy = p.envy().withEnv("JAVA_HOME", jdk.toString())
                .withEnv("XDG_CACHE_HOME", cache.toString());

        assertEquals(List.of("ran"), envy.run("--version").assertOk().stdoutLines());
        assertEquals(List.of("ran"), envy.run("--version").assertOk().stdoutLines());
        List<String> lines = Files.readAllLines(calls);
        assertEquals(1, lines.stream().filter(l -> l.contains("dev.envy.cli.AotTraining")).count(), lines.toString());
        assertEquals(2, lines.stream().filter(l -> l.contains("dev.envy.cli.Main --version")).count(), lines.toString());
        assertTrue(lines.stream().filter(l -> l.contains("dev.envy.cli.Main")).noneMatch(l -> l.contains("-XX:AOTCache=")),
                "no cache is passed when none could be made: " + lines);
    }

    private static List<Path> aotCaches(Path cacheHome) throws java.io.IOException {
        try (var dirs = Files.list(cacheHome.resolve("envy"))) {
            return dirs.map(d -> d.resolve("cli.aot")).filter(Files::exists).toList();
        }
    }
}

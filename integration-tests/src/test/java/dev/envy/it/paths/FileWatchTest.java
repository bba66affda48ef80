package dev.envy.it.paths;

import dev.envy.it.support.Await;
import dev.envy.it.support.Projects;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WT-1: files touched under watched paths, with the real inotify. */
class FileWatchTest {
    @RegisterExtension
    final Projects projects = new Projects();

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static long starts(TestProject p) {
        return p.records().stream().filter(r -> r.startsWith("start")).count();
    }

    private static String daemonLog(TestProject p) {
        try {
            return Files.readString(p.dir().resolve(".envy/logs/daemon.log"));
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private TestProject watching() throws Exception {
        TestProject p = projects.withManifest("""
                version = 1
                [services.app]
                command = 'echo "start $$" >> "$RECORD"; exec sleep 1000'
                watch = ["src/**/*.py", "config.toml"]
                watch-ignore = ["src/generated/**"]
                watch-debounce = "300ms"
                """);
        Files.createDirectories(p.dir().resolve("src/pkg"));
        p.writeFile("src/pkg/a.py", "x = 1\n");
        p.run("up", "-d").assertOk();
        assertEquals(1, starts(p));
        return p;
    }

    @Test
    void WT_1_aTouchedFileRestartsTheService() throws Exception {
        TestProject p = watching();
        p.writeFile("src/pkg/a.py", "x = 2\n");
        Await.until("app to restart after src/pkg/a.py changed", DEADLINE, () -> starts(p) == 2);
    }

    @Test
    void WT_1_aBurstOfTwentyTouchesRestartsExactlyOnce() throws Exception {
        TestProject p = watching();
        for (int i = 0; i < 20; i++) {
            p.writeFile("src/pkg/f" + i + ".py", "x = " + i + "\n");
        }
        Await.until("app to restart after the burst", DEADLINE, () -> starts(p) >= 2);
        Await.until("daemon.log to say the burst", DEADLINE, () -> daemonLog(p).contains("; restarting app"));
        java.util.List<String> said = daemonLog(p).lines().filter(l -> l.contains("watched path")).toList();
        assertEquals(1, said.size(), "one line for the burst: " + said);
        assertTrue(said.getFirst().contains("app: 20 watched paths changed (src/pkg/f0.py, src/pkg/f1.py,"
                + " src/pkg/f2.py and 17 more); restarting app"), said.getFirst());
        // a later, separate change restarts it once more: had the burst restarted it twice, there would be 4 starts
        p.writeFile("config.toml", "a = 1\n");
        Await.until("app to restart after config.toml changed", DEADLINE, () -> starts(p) >= 3);
        assertEquals(3, starts(p), "one restart per burst: " + p.records());
    }

    @Test
    void WT_1_aNewDirectoryIsWatchedAndIgnoredPathsAreNot() throws Exception {
        TestProject p = watching();
        p.writeFile("src/generated/out.py", "ignored\n");
        p.writeFile(".git/HEAD", "ref\n");
        p.writeFile("src/other.txt", "not a .py\n");
        Files.createDirectories(p.dir().resolve("src/new/deeper"));
        p.writeFile("src/new/deeper/b.py", "y = 1\n");
        Await.until("app to restart after a file in a new directory changed", DEADLINE, () -> starts(p) >= 2);
        p.writeFile("src/new/deeper/b.py", "y = 2\n");
        Await.until("app to restart again: the new directory is watched", DEADLINE, () -> starts(p) >= 3);
        assertEquals(3, starts(p), p.records().toString());
    }

    @Test
    void WT_1_aStoppedServiceIsNotStartedByAChange() throws Exception {
        TestProject p = watching();
        p.run("services", "stop", "app").assertOk();
        p.writeFile("src/pkg/a.py", "x = 3\n");
        Await.until("the daemon to see the change", DEADLINE, () -> daemonLog(p).contains("watched path src/pkg/a.py"));
        assertEquals("stopped", p.run("services", "status", "--json").assertOk().stdout()
                .replaceAll("(?s).*\"status\"\\s*:\\s*\"([a-z-]+)\".*", "$1"));
        assertEquals(1, starts(p));
    }
}

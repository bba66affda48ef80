package dev.envy.it.daemon;

import dev.envy.it.support.Await;
import dev.envy.it.support.Projects;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.envy.it.daemon.Fixture.DEADLINE;
import static dev.envy.it.daemon.Fixture.daemonPid;
import static dev.envy.it.daemon.Fixture.pid;
import static dev.envy.it.daemon.Fixture.project;
import static dev.envy.it.daemon.Fixture.service;
import static dev.envy.it.daemon.Fixture.socket;
import static dev.envy.it.daemon.Fixture.status;
import static dev.envy.it.daemon.Fixture.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HD-6: the runtime directory deleted under a running daemon (a {@code /tmp} cleaner, logind at logout). The daemon
 * makes it again; no starter starts a second daemon meanwhile (the lock is in the project's {@code .envy/}); status,
 * {@code up -d} and {@code down} reach the one daemon and its services.
 */
class RuntimeDirGoneTest {
    @RegisterExtension
    final Projects projects = new Projects();

    @Test
    void HD_6_theDaemonRestoresItsDeletedRuntimeDirAndNoSecondDaemonStarts() throws Exception {
        TestProject p = project(projects, service("db"), service("cache"), service("web", "depends-on = [\"db\"]"));
        up(p);
        long daemon = daemonPid(p);
        Map<String, Long> pids = pids(p);

        deleteTree(p.runtimeDir()); // the whole per-user base, as logind removes $XDG_RUNTIME_DIR

        // at once, with no wait for the daemon to notice: the starter finds the lock held and waits for its socket
        p.run("up", "-d").assertOk();
        assertEquals(List.of(daemon), daemons(p), "one daemon, the same");
        assertEquals(pids, pids(p), "every service still running with its pid; none started twice");
        assertTrue(Files.exists(socket(p)), "socket restored");
        assertEquals(daemon, daemonPid(p), "daemon.json restored");
        String log = Files.readString(p.log("daemon"));
        assertTrue(log.contains("was deleted while the daemon ran; made it again"), log);

        deleteTree(p.runtimeDir());
        p.run("down").assertOk();
        Await.until("every process of the environment to end", DEADLINE, () -> p.leftovers().isEmpty());
    }

    private static Map<String, Long> pids(TestProject p) {
        return status(p).keySet().stream().collect(Collectors.toMap(n -> n, n -> pid(p, n)));
    }

    /** The daemons of {@code p}: processes whose command line names its project directory. */
    private static List<Long> daemons(TestProject p) {
        String dir = p.dir().toString();
        return ProcessHandle.allProcesses().filter(ph -> ph.info().commandLine()
                        .filter(c -> c.contains("--project") && c.contains(dir)).isPresent())
                .map(ProcessHandle::pid).toList();
    }

    /**
     * {@code rm -rf root}, as a cleaner does it, and like rm it fails on a directory that was filled again meanwhile:
     * the daemon may restore its files while the deletion is still under way.
     */
    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(f);
                } catch (DirectoryNotEmptyException refilled) {
                    // restored under the deletion
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

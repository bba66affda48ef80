package dev.envy.it.hardening;

import dev.envy.it.support.Await;
import dev.envy.it.support.Envy;
import dev.envy.it.support.Projects;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HD-5: {@code .envy/} holds what the services print and the manifest's values (the manifest cache), so nobody but its
 * owner may read it: every directory envy makes in it is 0700 and every file 0600, whoever makes it and whatever the
 * umask, and a {@code .envy/} left open by an older envy is closed.
 */
class PrivateFilesTest {
    @RegisterExtension
    final Projects projects = new Projects();

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private static final String MANIFEST = """
            version = 1
            [vars]
            SECRET = "hunter2"
            [options]
            log-max-size = "2KB"
            log-keep = 2
            [services.web]
            command = "for i in $(seq 200); do echo \\"$SECRET line $i\\"; done; exec sleep 1000"
            [services.db]
            command = "sleep 1000"
            readiness.command = "true"
            """;

    /** bin/envy run under umask 022, as from most login shells. */
    private static Envy withUmask022(TestProject p) throws IOException {
        Path wrapper = p.home().resolve("envy-umask-022");
        Files.writeString(wrapper, "#!/bin/sh\numask 022\nexec '" + Envy.home().resolve("bin/envy") + "' \"$@\"\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
        return p.envy().withExecutable(wrapper);
    }

    @Test
    void HD_5_everythingEnvyWritesUnderDotEnvyIsTheOwnersOnly() throws Exception {
        TestProject p = projects.empty();
        Envy envy = withUmask022(p);
        envy.run("init").assertOk();
        p.writeManifest(MANIFEST);
        envy.run("check").assertOk();
        envy.run("up", "-d").assertOk();
        Await.until("web.log to be rotated", DEADLINE, () -> Files.exists(p.dir().resolve(".envy/logs/web.log.1")));
        envy.run("services", "reload").assertOk();
        envy.run("services", "restart", "web").assertOk();
        envy.run("services", "logs", "-n", "5").assertOk();
        envy.run("export", "systemd").assertOk();
        envy.run("down").assertOk();

        List<String> open = notPrivate(p.dir().resolve(".envy"));
        assertEquals(List.of(), open, "every dir 0700 and every file 0600 under .envy");
        for (String file : List.of("logs/daemon.log", "logs/web.log", "logs/web.log.1", "logs/db.log",
                "manifest-cache.json", ".gitignore", "export/systemd")) {
            assertTrue(Files.exists(p.dir().resolve(".envy").resolve(file)), "made " + file);
        }
    }

    @Test
    void HD_5_aDotEnvyLeftOpenByAnOlderEnvyIsClosedAndThatIsLogged() throws Exception {
        TestProject p = projects.withManifest(MANIFEST);
        Path state = p.dir().resolve(".envy");
        Files.createDirectories(state.resolve("logs"));
        Files.createDirectories(state.resolve("export/systemd"));
        for (String file : List.of("logs/daemon.log", "logs/web.log", "logs/web.log.1", "logs/gone.log",
                "manifest-cache.json", ".gitignore", "export/systemd/envy-old.service")) {
            Files.writeString(state.resolve(file), "written by an older envy\n");
            Files.setPosixFilePermissions(state.resolve(file), PosixFilePermissions.fromString("rw-r--r--"));
        }
        for (String dir : List.of("", "logs", "export", "export/systemd")) {
            Files.setPosixFilePermissions(state.resolve(dir), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.createDirectories(state.resolve("data"));
        Files.setPosixFilePermissions(state.resolve("data"), PosixFilePermissions.fromString("rwxr-xr-x"));

        Envy envy = withUmask022(p);
        Run up = envy.run("up", "-d").assertOk();
        String daemonLog = Files.readString(state.resolve("logs/daemon.log"));
        assertTrue(daemonLog.contains("made " + state + " private (it was rwxr-xr-x)"), up + "\n" + daemonLog);
        envy.run("down").assertOk();

        List<String> open = notPrivate(state);
        open.remove("data: rwxr-xr-x");
        assertEquals(List.of(), open, "envy's own files closed; what the project keeps in .envy/data left alone");
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("data"))));
    }

    /** Every directory under {@code root} that is not rwx------ and every file that is not rw-------, with its mode. */
    private static List<String> notPrivate(Path root) throws IOException {
        List<String> open = new ArrayList<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : (Iterable<Path>) all::iterator) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path,
                        LinkOption.NOFOLLOW_LINKS));
                boolean dir = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
                if (!mode.equals(dir ? "rwx------" : "rw-------")) {
                    open.add((path.equals(root) ? ".envy" : root.relativize(path).toString()) + ": " + mode);
                }
            }
        }
        return open;
    }
}

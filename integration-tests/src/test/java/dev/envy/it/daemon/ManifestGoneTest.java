package dev.envy.it.daemon;

import dev.envy.it.support.Await;
import dev.envy.it.support.Projects;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.envy.it.daemon.Fixture.DEADLINE;
import static dev.envy.it.daemon.Fixture.pid;
import static dev.envy.it.daemon.Fixture.project;
import static dev.envy.it.daemon.Fixture.service;
import static dev.envy.it.daemon.Fixture.state;
import static dev.envy.it.daemon.Fixture.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HD-7: envy.toml deleted or moved away while its services run (a {@code git checkout} of a branch without it). What
 * needs only the daemon still works; what needs the file says it is missing and does nothing.
 */
class ManifestGoneTest {
    @RegisterExtension
    final Projects projects = new Projects();

    @Test
    void HD_7_statusStopLogsAndDownWorkWithoutEnvyTomlAndReloadSaysItIsMissing() throws Exception {
        TestProject p = project(projects, service("db"), service("web", "depends-on = [\"db\"]"));
        up(p);
        long db = pid(p, "db");
        long web = pid(p, "web");
        Path away = p.dir().resolveSibling("envy.toml.away");
        Files.move(p.manifest(), away);

        Run status = p.run("services", "status").assertOk();
        assertTrue(status.stdout().contains("envy.toml does not exist any more"), status.toString());
        assertEquals("running", state(p, "db"));

        Run reload = p.run("services", "reload");
        assertEquals(2, reload.exitCode(), reload.toString());
        assertTrue(reload.stderr().contains("envy.toml does not exist (any more): nothing was done"), reload.toString());
        assertEquals(db, pid(p, "db"), "the reload changed nothing");
        assertEquals(web, pid(p, "web"));
        assertEquals(2, p.run("up", "-d").exitCode(), "up needs the file");

        p.run("services", "logs", "-n", "5", "db").assertOk();
        Run subdir = p.envy().withWorkDir(Files.createDirectories(p.dir().resolve("src/app")))
                .run("services", "stop", "web").assertOk();
        assertEquals("stopped", state(p, "web"), subdir.toString());
        assertEquals("running", state(p, "db"));

        p.run("down").assertOk();
        Await.until("every process of the environment to end", DEADLINE, () -> p.leftovers().isEmpty());
        Run after = p.run("services", "status");
        assertEquals(2, after.exitCode(), "with no daemon and no file, there is no project here: " + after);
    }
}

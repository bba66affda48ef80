package dev.envy.it.reload;

import dev.envy.it.support.Await;
import dev.envy.it.support.Projects;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static dev.envy.it.reload.Services.DEADLINE;
import static dev.envy.it.reload.Services.manifest;
import static dev.envy.it.reload.Services.pid;
import static dev.envy.it.reload.Services.project;
import static dev.envy.it.reload.Services.service;
import static dev.envy.it.reload.Services.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** UP-1…UP-3 against the real CLI and daemon: exactly the difference is applied, PIDs prove what was touched. */
class UpdatesTest {
    @RegisterExtension
    final Projects projects = new Projects();

    @Test
    void UP_1_reloadAddsRemovesRestartsChangedAndLeavesTheRestAlone() {
        TestProject p = project(projects, service("keep"), service("change"), service("drop"));
        p.run("up", "-d").assertOk();
        long keep = pid(p, "keep");
        long change = pid(p, "change");
        pid(p, "drop");

        p.writeManifest(manifest(service("keep"), service("change", "vars = { MODE = \"fast\" }"), service("add")));
        Run run = p.run("services", "reload").assertOk();

        assertTrue(run.stdout().contains("keep: unchanged"), run.toString());
        assertTrue(run.stdout().contains("change: restarted (vars changed)"), run.toString());
        assertTrue(run.stdout().contains("add: added"), run.toString());
        assertTrue(run.stdout().contains("drop: removed"), run.toString());
        assertEquals(keep, pid(p, "keep"), "an unchanged service keeps its process");
        assertNotEquals(change, pid(p, "change"));
        Services.awaitRunning(p, "add");
        assertTrue(status(p, "drop").isEmpty(), "a removed service is gone from status");
        assertTrue(p.records().contains("stop drop"), p.records().toString());
    }

    @Test
    void UP_1_anInvalidManifestIsRejectedAndNothingChanges() {
        TestProject p = project(projects, service("db"));
        p.run("up", "-d").assertOk();
        long db = pid(p, "db");

        p.writeManifest(manifest(service("db", "depend-on = []")));
        Run run = p.run("services", "reload").assertExit(2);

        assertTrue(run.stderr().contains("envy.toml:"), run.toString());
        assertTrue(run.stderr().contains("depends-on"), "did-you-mean for the typo: " + run);
        assertEquals(db, pid(p, "db"));
    }

    @Test
    void UP_2_dependsOnAloneRestartsNothingButADependencyRestartFollowsReadyWaiters() {
        TestProject p = project(projects, service("db"), service("web", "depends-on = { db = \"ready\" }"),
                service("logger", "depends-on = { db = \"started\" }"));
        p.run("up", "-d").assertOk();
        long db = pid(p, "db");
        long web = pid(p, "web");
        long logger = pid(p, "logger");

        p.writeManifest(manifest(service("db"), service("web", "depends-on = { db = \"ready\" }"),
                service("logger")));
        Run onlyGraph = p.run("services", "reload").assertOk();
        assertTrue(onlyGraph.stdout().contains("logger: unchanged"), onlyGraph.toString());
        assertEquals(logger, pid(p, "logger"), "a change of depends-on alone restarts nothing");

        p.writeManifest(manifest(service("db", "stop-timeout = \"5s\""), service("web", "depends-on = { db = \"ready\" }"),
                service("logger", "depends-on = { db = \"started\" }")));
        Run run = p.run("services", "reload").assertOk();
        assertTrue(run.stdout().contains("db: restarted (stop settings changed)"), run.toString());
        assertTrue(run.stdout().contains("web: restarted (dependency db restarted)"), run.toString());
        assertTrue(run.stdout().contains("logger: unchanged"), run.toString());
        assertNotEquals(db, pid(p, "db"));
        assertNotEquals(web, pid(p, "web"));
        assertEquals(logger, pid(p, "logger"), "a service waiting only for `started` keeps running");
    }

    @Test
    void UP_1_reloadWithoutADaemonOnlyValidates() {
        TestProject p = project(projects, service("db"));
        Run run = p.run("services", "reload").assertOk();
        assertEquals("manifest is valid; no daemon is running, nothing to apply", run.stdout().strip());
    }

    @Test
    void UP_1_editAppliesAValidSaveToTheRunningServices() throws Exception {
        TestProject p = project(projects, service("db"), service("web"));
        p.run("up", "-d").assertOk();
        long db = pid(p, "db");
        long web = pid(p, "web");
        Path editor = p.writeFile("editor.sh", "#!/bin/sh\nsed -i 's/^\\[services.web\\]$/[services.web]\\nvars = { X = \"1\" }/' \"$1\"\n");
        Files.setPosixFilePermissions(editor, PosixFilePermissions.fromString("rwx------"));

        Run run = p.env("EDITOR", editor.toString()).run("edit").assertOk();

        assertTrue(run.stdout().contains("web: restarted (vars changed)"), run.toString());
        assertTrue(Files.readString(p.manifest()).contains("X = \"1\""));
        assertEquals(db, pid(p, "db"));
        assertNotEquals(web, pid(p, "web"));
    }

    @Test
    void UP_3_autoReloadAppliesASavedManifestByItself() {
        String options = "\n[options]\nauto-reload = true\n";
        TestProject p = projects.withManifest(manifest(service("db")) + options);
        p.writeFile("svc.sh", Services.SVC);
        p.run("up", "-d").assertOk();
        long db = pid(p, "db");

        p.writeManifest(manifest(service("db"), service("cache")) + options);

        Await.until("cache to be started by auto-reload", DEADLINE, () -> p.records().contains("start cache"));
        Services.awaitRunning(p, "cache");
        assertEquals(db, pid(p, "db"));
    }
}

package dev.envy.it.hardening;

import dev.envy.it.support.Projects;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * HD-11: envy runs nothing from a manifest someone else could have written (its hook, its profile, its services)
 * until the user allows it with {@code envy allow}, and asks again once that user changes it; a manifest only its user
 * could have written runs without a word. A file of another user is made with {@code chown}, so those tests need root
 * (as CI runs them); they are skipped, saying so, otherwise.
 */
class AllowTest {
    @RegisterExtension
    final Projects projects = new Projects();

    /** The user who "writes" the foreign manifests. */
    private static final int NOBODY = 65534;

    private static String manifest(String extra) {
        return """
                version = 1
                [hook]
                on-activate = "echo hook >> \\"$RECORD\\""
                [services.web]
                command = "echo web >> \\"$RECORD\\"; exec sleep 1000"
                """ + extra;
    }

    private static void writtenByNobody(Path manifest, String content) throws IOException {
        Files.writeString(manifest, content);
        Files.setAttribute(manifest, "unix:uid", NOBODY);
    }

    private static boolean root() throws IOException {
        return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
    }

    @Test
    void HD_11_anotherUsersManifestRunsNothingUntilAllowed() throws Exception {
        assumeTrue(root(), "making a file of another user takes chown, which needs root");
        TestProject p = projects.withManifest(manifest(""));
        writtenByNobody(p.manifest(), manifest(""));
        String owner = Files.getOwner(p.manifest()).getName();

        for (String[] command : new String[][]{{"up", "-d"}, {"activate", "--", "true"}, {"services", "start"}}) {
            Run refused = p.run(command).assertExit(2);
            refused.assertStderrContains(p.manifest() + " belongs to " + owner + ", not you (root): envy runs nothing"
                    + " from it (hook, profile, services) until you allow it");
            refused.assertStderrContains("envy allow " + p.manifest());
        }
        assertEquals("", Files.exists(p.recordFile()) ? Files.readString(p.recordFile()) : "", "nothing of it ran");
        p.run("check").assertOk() // reading it runs nothing, and says what running it would take
                .assertStderrContains("envy: warning: " + p.manifest() + " belongs to " + owner)
                .assertStderrContains("hint: read it, then run `envy allow " + p.manifest() + "`");

        p.run("allow").assertOk().assertStdoutContains("allowed " + p.manifest());
        assertEquals("", p.run("check").assertOk().stderr(), "allowed: check has nothing to warn about");
        p.run("up", "-d").assertOk();
        p.awaitRecord("web", java.time.Duration.ofSeconds(30));
        p.run("down").assertOk();
    }

    @Test
    void HD_11_anAllowedManifestChangedByItsOwnerIsAskedForAgain() throws Exception {
        assumeTrue(root(), "making a file of another user takes chown, which needs root");
        TestProject p = projects.withManifest(manifest(""));
        writtenByNobody(p.manifest(), manifest(""));
        p.run("allow").assertOk();
        p.run("up", "-d").assertOk();

        // the other user adds a service: neither the CLI nor the running daemon runs it before it is allowed again
        writtenByNobody(p.manifest(), manifest("""
                [services.added]
                command = "echo added >> \\"$RECORD\\"; exec sleep 1000"
                """));
        p.run("services", "start", "added").assertExit(2)
                .assertStderrContains(p.manifest() + " changed since you allowed it");
        Run reload = p.run("services", "reload");
        assertTrue(reload.exitCode() != 0, reload.toString());
        assertTrue(reload.stderr().contains("changed since you allowed it")
                || reload.stdout().contains("changed since you allowed it"), reload.toString());
        assertFalse(p.records().contains("added"), p.records().toString());
        p.run("services", "status").assertOk(); // what runs keeps running and can be looked at

        p.run("allow").assertOk();
        p.run("services", "reload").assertOk();
        p.awaitRecord("added", java.time.Duration.ofSeconds(30));
        p.run("deny").assertOk().assertStdoutContains("denied " + p.manifest());
        p.run("services", "restart", "web").assertExit(2);
        p.run("down").assertOk();
    }

    @Test
    void HD_11_yourOwnManifestRunsWithoutAllowing() throws Exception {
        TestProject p = projects.withManifest(manifest(""));
        p.run("up", "-d").assertOk();
        p.awaitRecord("web", java.time.Duration.ofSeconds(30));
        assertFalse(Files.exists(p.home().resolve(".local/state/envy/allowed")), "nothing to remember");
        p.run("deny").assertOk().assertStdoutContains("was not allowed");
        p.run("down").assertOk();
    }
}

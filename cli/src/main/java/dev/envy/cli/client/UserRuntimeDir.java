package dev.envy.cli.client;

import dev.envy.core.runtime.RuntimeDirPolicy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The client's check of the runtime dir before it takes {@code start.lock} there (CS-4): created 0700 with its
 * per-user base, refused when another user owns it or others may write to it. The daemon checks again.
 */
final class UserRuntimeDir {

    private UserRuntimeDir() {
    }

    static void prepare(Path dir, long uid) throws DaemonException {
        Path base = dir.toAbsolutePath().getParent();
        if (base != null) {
            ensure(base, uid);
        }
        ensure(dir, uid);
    }

    private static void ensure(Path dir, long uid) throws DaemonException {
        var ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    if (dir.getParent() != null && !Files.isDirectory(dir.getParent())) {
                        Files.createDirectories(dir.getParent(), ownerOnly);
                    }
                    Files.createDirectory(dir, ownerOnly);
                } catch (FileAlreadyExistsException raced) {
                    // created by a concurrent starter: checked below like any existing one
                }
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw new DaemonException("runtime directory " + dir + " is not a directory (or is a symbolic link)",
                        "remove it or set ENVY_RUNTIME_DIR to a directory of your own");
            }
            long owner = ((Number) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
            int mode = ((Number) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS)).intValue();
            var refusal = RuntimeDirPolicy.check(dir.toString(), owner, mode, uid);
            if (refusal.isPresent()) {
                throw new DaemonException(refusal.get().message(), refusal.get().hint());
            }
        } catch (DaemonException e) {
            throw e;
        } catch (IOException e) {
            throw new DaemonException("cannot create runtime directory " + dir + ": " + e.getMessage(),
                    "set ENVY_RUNTIME_DIR to a directory you can write to");
        }
    }
}

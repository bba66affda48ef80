package dev.envy.host.fs;

import dev.envy.core.runtime.RuntimeDirPolicy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * CS-4 / CS-10: creates the environment's runtime directory and its per-user base with mode 0700 and refuses to use
 * either when another user owns it or it is group/world writable. Symbolic links are not followed for the checks,
 * so a link planted in {@code /tmp} is refused rather than trusted. The client checks before it takes
 * {@code start.lock} there, the daemon again before it binds its socket.
 */
public final class RuntimeDir {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private RuntimeDir() {
    }

    /** Creates (if needed) and checks {@code dir} and its parent, the per-user base. */
    public static void prepare(Path dir, long uid) throws RuntimeDirException {
        Path base = dir.toAbsolutePath().getParent();
        if (base != null) {
            ensure(base, uid);
        }
        ensure(dir, uid);
    }

    private static void ensure(Path dir, long uid) throws RuntimeDirException {
        try {
            check(dir, uid);
        } catch (RuntimeDirException e) {
            throw e;
        } catch (IOException e) {
            throw new RuntimeDirException("cannot create runtime directory " + dir + ": " + e.getMessage(),
                    "set ENVY_RUNTIME_DIR to a directory you can write to");
        }
    }

    private static void check(Path dir, long uid) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Path parent = dir.getParent();
                if (parent != null && !Files.isDirectory(parent)) {
                    Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                }
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                // the umask may have removed bits we asked for; never added any, but be explicit
                Files.setPosixFilePermissions(dir, OWNER_ONLY);
            } catch (FileAlreadyExistsException raced) {
                // another starter created it at the same moment: check it like any existing one
            } catch (IOException e) {
                throw new RuntimeDirException("cannot create runtime directory " + dir + ": " + e.getMessage(),
                        "set ENVY_RUNTIME_DIR to a directory you can write to");
            }
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new RuntimeDirException("runtime directory " + dir + " is not a directory (or is a symbolic link)",
                    "remove it or set ENVY_RUNTIME_DIR to a directory of your own");
        }
        long owner = ((Number) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
        int mode = ((Number) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS)).intValue();
        var refusal = RuntimeDirPolicy.check(dir.toString(), owner, mode, uid);
        if (refusal.isPresent()) {
            throw new RuntimeDirException(refusal.get().message(), refusal.get().hint());
        }
    }
}

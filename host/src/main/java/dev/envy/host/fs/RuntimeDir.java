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
 * either when another user owns it or it is group/world writable, or when a directory above them belongs to another
 * user than this one or root or is writable by others without being sticky (HD-8). Symbolic links are not followed for the checks,
 * so a link planted in {@code /tmp} is refused rather than trusted. The client checks before it takes
 * {@code start.lock} there, the daemon again before it binds its socket.
 */
public final class RuntimeDir {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private RuntimeDir() {
    }

    /** Creates (if needed) and checks {@code dir}, its parent (the per-user base) and every directory above. */
    public static void prepare(Path dir, long uid) throws RuntimeDirException {
        Path base = dir.toAbsolutePath().getParent();
        if (base != null) {
            ensure(base, uid);
        }
        ensure(dir, uid);
        checkAncestors(dir, uid);
    }

    /**
     * HD-8, for a client about to connect: false when {@code dir} does not exist (no daemon there); true when it and
     * every directory above it may be trusted; else a {@link RuntimeDirException} saying why not. Nothing is created.
     */
    public static boolean trusted(Path dir, long uid) throws RuntimeDirException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Path base = dir.toAbsolutePath().getParent();
        try {
            if (base != null) {
                verify(base, uid);
            }
            verify(dir, uid);
        } catch (RuntimeDirException e) {
            throw e;
        } catch (IOException e) {
            return false; // removed while looking: no daemon there
        }
        checkAncestors(dir, uid);
        return true;
    }

    /**
     * Every directory above the base, as it really is (a link such as {@code /var/run} is resolved first): the
     * user's or root's, and not writable by others unless sticky ({@link RuntimeDirPolicy#checkAncestor}).
     */
    private static void checkAncestors(Path dir, long uid) throws RuntimeDirException {
        Path base = dir.toAbsolutePath().getParent();
        if (base == null || base.getParent() == null) {
            return;
        }
        Path above;
        try {
            above = base.getParent().toRealPath();
        } catch (IOException e) {
            return; // gone while looking: the next use fails on its own
        }
        for (Path a = above; a != null; a = a.getParent()) {
            try {
                long owner = ((Number) Files.getAttribute(a, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
                int mode = ((Number) Files.getAttribute(a, "unix:mode", LinkOption.NOFOLLOW_LINKS)).intValue();
                var refusal = RuntimeDirPolicy.checkAncestor(dir.toString(), a.toString(), owner, mode, uid);
                if (refusal.isPresent()) {
                    throw new RuntimeDirException(refusal.get().message(), refusal.get().hint());
                }
            } catch (RuntimeDirException e) {
                throw e;
            } catch (IOException e) {
                return;
            }
        }
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
        create(dir);
        verify(dir, uid);
    }

    private static void create(Path dir) throws IOException {
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
    }

    /** A directory of the user's only: not a link, owned by {@code uid}, not writable by others. */
    private static void verify(Path dir, long uid) throws IOException {
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

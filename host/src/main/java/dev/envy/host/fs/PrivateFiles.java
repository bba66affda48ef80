package dev.envy.host.fs;

import dev.envy.core.runtime.ProjectPaths;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * HD-5: the one way envy makes the directories and files of a project's {@code .envy/}: they hold what the services
 * print and the values of the manifest (its cache), so they are the owner's only, directories 0700 and files 0600,
 * whatever the umask. An existing one that others can open is closed as it is used; a {@code .envy/} that others can
 * open was made by an older envy, so its own files in it (logs, the manifest cache, exports) are closed with it, and
 * that is reported. What else a project keeps in {@code .envy/} (a hook's {@code .envy/data}) is left as it is.
 */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final FileAttribute<Set<PosixFilePermission>> DIRECTORY_MODE =
            PosixFilePermissions.asFileAttribute(DIRECTORY);
    private static final FileAttribute<Set<PosixFilePermission>> FILE_MODE = PosixFilePermissions.asFileAttribute(FILE);
    /** What envy itself keeps in {@code .envy/}, relative to it. */
    private static final List<String> ENVY_OWN = List.of("logs", "export", ".gitignore", "manifest-cache.json",
            "service-names");

    private PrivateFiles() {
    }

    /**
     * Makes {@code .envy/} of {@code paths} if missing, 0700; closes one that others can open, together with envy's own
     * files in it, saying so through {@code report}. Writes {@code .gitignore} ({@code *}) if it is missing.
     */
    public static void prepareStateDir(ProjectPaths paths, Consumer<String> report) throws IOException {
        Path state = paths.stateDir();
        if (Files.isDirectory(state, LinkOption.NOFOLLOW_LINKS)) {
            Set<PosixFilePermission> was = Files.getPosixFilePermissions(state, LinkOption.NOFOLLOW_LINKS);
            if (!was.equals(DIRECTORY)) {
                close(state, DIRECTORY);
                for (String own : ENVY_OWN) {
                    closeTree(state.resolve(own));
                }
                report.accept("made " + state + " private (it was " + PosixFilePermissions.toString(was)
                        + "): it holds service logs and the manifest's values; its logs, exports and manifest cache"
                        + " are the owner's only now too");
            }
        } else {
            directories(state);
        }
        if (!Files.exists(paths.gitignore(), LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.write(paths.gitignore(), "*\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                Files.setPosixFilePermissions(paths.gitignore(), FILE);
            } catch (FileAlreadyExistsException raced) {
                // another envy made it at the same moment
            }
        }
    }

    /** Makes {@code dir} and its missing parents 0700; an existing {@code dir} that others can open is closed. */
    public static Path directories(Path dir) throws IOException {
        Files.createDirectories(dir, DIRECTORY_MODE);
        close(dir, DIRECTORY);
        return dir;
    }

    /**
     * Opens {@code file} for appending, creating it 0600; an existing one that others can read is closed first. The
     * one way envy opens a log.
     */
    public static FileChannel append(Path file) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            close(file, FILE);
        }
        return FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE), FILE_MODE);
    }

    /**
     * Writes what a command other than the daemon did to {@code .envy/} into the environment's daemon log (LG-1), as
     * {@code <time> [who] line}; a line that cannot be written is dropped (a note is a courtesy).
     */
    public static Consumer<String> noteIn(ProjectPaths paths, String who) {
        return line -> {
            try {
                directories(paths.logsDir());
                appendLine(paths.daemonLog(), java.time.Instant.now() + " [" + who + "] " + line);
            } catch (IOException ignored) {
                // nowhere to say it
            }
        };
    }

    /** Appends {@code line} and a newline to {@code file} (created 0600), in one write. */
    public static void appendLine(Path file, String line) throws IOException {
        try (FileChannel out = append(file)) {
            out.write(java.nio.ByteBuffer.wrap((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    /** Creates {@code file} empty and 0600 if it does not exist; closes it if it does. */
    public static void touch(Path file) throws IOException {
        try (FileChannel ignored = append(file)) {
            // made, or closed
        }
    }

    /** A new, uniquely named 0600 file in {@code dir}, to be written and renamed over its target. */
    public static Path temporary(Path dir, String prefix) throws IOException {
        return Files.createTempFile(dir, prefix, ".tmp", FILE_MODE);
    }

    /** Writes {@code file} whole, 0600: through a temporary file in its directory and a rename. */
    public static void write(Path file, byte[] bytes) throws IOException {
        Path temp = temporary(file.toAbsolutePath().getParent(), "." + file.getFileName() + ".");
        try {
            Files.write(temp, bytes);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The owner's only: directories 0700, files 0600, everything below {@code root} (not following links). */
    private static void closeTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    close(p, DIRECTORY);
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    close(p, FILE);
                }
            }
        }
    }

    /** Best effort: only the owner (or root) may change a mode, and a file that is someone else's stays theirs. */
    private static void close(Path path, Set<PosixFilePermission> mode) {
        try {
            if (!Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS).equals(mode)) {
                Files.setPosixFilePermissions(path, mode);
            }
        } catch (IOException | SecurityException notOurs) {
            // used as it is
        }
    }
}

package dev.envy.cli.export;

import dev.envy.cli.EnvyException;
import dev.envy.core.runtime.ProjectPaths;
import dev.envy.host.fs.PrivateFiles;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Puts an export on disk. The directory is checked before anything is written (so an unwritable one is an invalid
 * request with nothing done); each file is written whole and renamed into place; files an earlier export of the
 * same environment wrote and this one no longer does (a service removed from envy.toml) are removed, recognised by
 * their first line. The project's {@code .envy/logs/} and each service's log file are made beforehand and, when
 * envy runs as root in someone else's project, given to the project's owner, so that systemd appends to files that
 * {@code envy up} can still write.
 */
final class ExportFiles {
    private ExportFiles() {
    }

    /**
     * Creates {@code dir} if needed (the owner's only when it is in the project's {@code .envy/}) and proves a file can
     * be written in it; exit 2 otherwise.
     */
    static void checkWritable(Path dir, Optional<UserPrincipal> owner, boolean inStateDir, String hint) {
        try {
            createDirectories(dir, owner, inStateDir);
            Path probe = Files.createTempFile(dir, ".envy-export-", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw EnvyException.invalid("cannot write to " + dir + " (" + reason(e) + "); nothing was exported", hint);
        }
    }

    /**
     * Writes {@code files} into {@code dir}; returns the paths written. In the project's {@code .envy/} they are the
     * owner's only (HD-5: the environment files hold the manifest's values), given to {@code owner}; elsewhere units
     * are world-readable as systemd's own are, environment files readable by the group.
     */
    static List<Path> write(Path dir, Collection<SystemdUnits.UnitFile> files, boolean inStateDir,
                            Optional<UserPrincipal> owner) {
        List<Path> written = new ArrayList<>();
        for (SystemdUnits.UnitFile f : files) {
            Path target = dir.resolve(f.fileName());
            try {
                Path tmp = PrivateFiles.temporary(dir, ".envy-export-");
                Files.writeString(tmp, f.content(), StandardCharsets.UTF_8);
                if (inStateDir) {
                    chown(tmp, owner);
                } else {
                    Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString(
                            f.kind().equals("environment") ? "rw-r-----" : "rw-r--r--"));
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                written.add(target);
            } catch (IOException e) {
                throw EnvyException.failed("cannot write " + target + " (" + reason(e) + ")",
                        "check the free space and permissions of " + dir + ", then export again");
            }
        }
        return written;
    }

    /** Removes the files in {@code dir} that start with {@code header} and are not among {@code keep}. */
    static List<Path> removeStale(Path dir, String header, Set<String> keep) {
        List<Path> removed = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : (Iterable<Path>) entries.sorted()::iterator) {
                String name = p.getFileName().toString();
                boolean ours = name.startsWith("envy-") && (name.endsWith(".service") || name.endsWith(".target")
                        || name.endsWith(".env"));
                if (ours && !keep.contains(name) && Files.isRegularFile(p) && firstLine(p).equals(header.strip())) {
                    Files.delete(p);
                    removed.add(p);
                }
            }
        } catch (IOException e) {
            throw EnvyException.failed("cannot tidy " + dir + " (" + reason(e) + ")",
                    "remove the files of services no longer in envy.toml by hand");
        }
        return removed;
    }

    /**
     * {@code .envy/logs/} and an empty log file per service, the owner's only (HD-5) and given to {@code owner} when
     * they are new; closing a {@code .envy/} that others could open is noted in the daemon log.
     */
    static void prepareLogs(Path projectDir, Collection<String> services, Optional<UserPrincipal> owner) {
        ProjectPaths paths = ProjectPaths.of(projectDir);
        try {
            boolean newState = !Files.exists(paths.stateDir());
            boolean newIgnore = !Files.exists(paths.gitignore());
            PrivateFiles.prepareStateDir(paths, PrivateFiles.noteIn(paths, "export"));
            if (newState) {
                chown(paths.stateDir(), owner);
            }
            if (newIgnore) {
                chown(paths.gitignore(), owner);
            }
            createDirectories(paths.logsDir(), owner, true);
            for (String s : services) {
                Path log = paths.serviceLog(s);
                boolean fresh = !Files.exists(log);
                PrivateFiles.touch(log);
                if (fresh) {
                    chown(log, owner);
                }
            }
        } catch (IOException e) {
            throw EnvyException.invalid("cannot create " + paths.logsDir() + " (" + reason(e) + "); nothing was exported",
                    "check the permissions of " + projectDir);
        }
    }

    /**
     * Like {@link Files#createDirectories}, giving every directory it creates to {@code owner}; in the project's
     * {@code .envy/} they are the owner's only.
     */
    static void createDirectories(Path dir, Optional<UserPrincipal> owner, boolean inStateDir) throws IOException {
        Path abs = dir.toAbsolutePath();
        List<Path> missing = new ArrayList<>();
        for (Path p = abs; p != null && !Files.exists(p); p = p.getParent()) {
            missing.addFirst(p);
        }
        if (inStateDir) {
            PrivateFiles.directories(abs);
        } else {
            Files.createDirectories(abs);
        }
        for (Path p : missing) {
            chown(p, owner);
        }
    }

    /** A courtesy: only root can give a file away, and anyone else's files are their own already. */
    private static void chown(Path p, Optional<UserPrincipal> owner) {
        try {
            if (owner.isPresent() && !Files.getOwner(p).equals(owner.get())) {
                Files.setOwner(p, owner.get());
            }
        } catch (IOException | SecurityException e) {
            // not root: the file stays the exporting user's
        }
    }

    private static String firstLine(Path p) {
        try (BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            return line == null ? "" : line;
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
    }

    private static String reason(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file is in the way";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}

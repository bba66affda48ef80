package dev.envy.daemon.activation;

import dev.envy.host.os.ProcStat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * AC-9: watches {@code claims/} in the runtime dir, where the shell that evaluates an in-place activation writes its
 * own PID ({@code $$}, {@code $fish_pid}) and a newline into a file named after the activation's token, with nothing
 * but its built-in {@code printf}/{@code echo}. inotify wakes this thread at once; a complete claim (digits and a
 * newline: the shell writes it in one {@code write}) is read, removed and handed on with the process's start time
 * ({@code 0} when the process is already gone). The callback runs on this thread and should only post an event.
 */
public final class ClaimWatcher implements AutoCloseable {

    /** A claim's token and the claiming process. */
    public interface Claims {
        void claimed(String token, long pid, long startTime);
    }

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern CLAIM = Pattern.compile("[0-9]{1,10}\n");
    private static final Duration CLOSE_DEADLINE = Duration.ofSeconds(5);

    private final Path dir;
    private final Claims claims;
    private final WatchService watchService;
    private final Thread thread;

    private ClaimWatcher(Path dir, Claims claims) throws IOException {
        this.dir = dir;
        this.claims = claims;
        this.watchService = FileSystems.getDefault().newWatchService();
        try {
            dir.register(watchService, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException | RuntimeException e) {
            watchService.close();
            throw e;
        }
        this.thread = Thread.ofPlatform().daemon().name("envy-claim-watcher").unstarted(this::loop);
    }

    /**
     * Creates {@code dir} (0700) if needed, removes claims a previous daemon left, and watches it: a claim written
     * after this returns is never missed.
     */
    public static ClaimWatcher start(Path dir, Claims claims) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir)) {
            for (Path file : stale) {
                Files.deleteIfExists(file);
            }
        }
        ClaimWatcher watcher = new ClaimWatcher(dir, claims);
        watcher.thread.start();
        return watcher;
    }

    private void loop() {
        try {
            while (true) {
                WatchKey key = watchService.take();
                boolean overflow = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        overflow = true;
                    } else if (event.context() instanceof Path name) {
                        read(dir.resolve(name));
                    }
                }
                if (overflow) {
                    rescan();
                }
                if (!key.reset()) {
                    return;
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: the watcher's life is over
        }
    }

    private void rescan() {
        try (DirectoryStream<Path> all = Files.newDirectoryStream(dir)) {
            all.forEach(this::read);
        } catch (IOException e) {
            // the next event reads what is there
        }
    }

    private void read(Path file) {
        String token = file.getFileName().toString();
        if (!TOKEN.matcher(token).matches()) {
            return;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return; // already read on an earlier event
        } catch (IOException e) {
            return;
        }
        if (!CLAIM.matcher(text).matches()) {
            return; // not complete yet: its modification wakes us again
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // it is read once all the same: the supervisor registers a process once
        }
        long pid = Long.parseLong(text.strip());
        claims.claimed(token, pid, ProcStat.startTime(pid).orElse(0));
    }

    @Override
    public void close() {
        try {
            watchService.close();
        } catch (IOException e) {
            // closing anyway
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(CLOSE_DEADLINE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

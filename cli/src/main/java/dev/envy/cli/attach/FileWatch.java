package dev.envy.cli.attach;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Tells when files of a directory were written to, created or renamed into it: inotify through the JDK's
 * {@link WatchService}, so the view wakes up on new log bytes or a saved envy.toml instead of looking on a timer.
 * The callback, given the names written to (none after an overflow, when anything may have changed), runs on the
 * watch's own thread and should only hand the news on; several writes may come as one call.
 */
final class FileWatch implements AutoCloseable {
    private final WatchService watchService;

    private FileWatch(WatchService watchService) {
        this.watchService = watchService;
    }

    /** Watches the files of {@code dir} whose names pass {@code names} until {@link #close()}. */
    static FileWatch start(Path dir, Predicate<String> names, Runnable onChange) throws IOException {
        return start(dir, names, written -> onChange.run());
    }

    /** As {@link #start(Path, Predicate, Runnable)}, telling which of the files were written to. */
    static FileWatch start(Path dir, Predicate<String> names, Consumer<Set<String>> onChange) throws IOException {
        WatchService service = FileSystems.getDefault().newWatchService();
        try {
            dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
        FileWatch watch = new FileWatch(service);
        Thread.ofPlatform().daemon().name("envy-watch-" + dir.getFileName()).start(() -> watch.loop(names, onChange));
        return watch;
    }

    private void loop(Predicate<String> names, Consumer<Set<String>> onChange) {
        try {
            while (true) {
                WatchKey key = watchService.take();
                boolean relevant = false;
                Set<String> written = new HashSet<>();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        relevant = true;
                    } else if (event.context() instanceof Path p && names.test(p.getFileName().toString())) {
                        relevant = true;
                        written.add(p.getFileName().toString());
                    }
                }
                if (relevant) {
                    onChange.accept(written);
                }
                if (!key.reset()) {
                    return; // the directory went away
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        watchService.close();
    }
}

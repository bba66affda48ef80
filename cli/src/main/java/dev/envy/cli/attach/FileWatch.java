package dev.envy.cli.attach;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.function.Predicate;

/**
 * Tells when files of a directory were written to, created or renamed into it: inotify through the JDK's
 * {@link WatchService}, so the view wakes up on new log bytes or a saved envy.toml instead of looking on a timer.
 * The callback runs on the watch's own thread and should only hand the news on; several writes may come as one call.
 */
final class FileWatch implements AutoCloseable {
    private final WatchService watchService;

    private FileWatch(WatchService watchService) {
        this.watchService = watchService;
    }

    /** Watches the files of {@code dir} whose names pass {@code names} until {@link #close()}. */
    static FileWatch start(Path dir, Predicate<String> names, Runnable onChange) throws IOException {
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

    private void loop(Predicate<String> names, Runnable onChange) {
        try {
            while (true) {
                WatchKey key = watchService.take();
                boolean relevant = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    relevant |= event.kind() == StandardWatchEventKinds.OVERFLOW
                            || event.context() instanceof Path p && names.test(p.getFileName().toString());
                }
                if (relevant) {
                    onChange.run();
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

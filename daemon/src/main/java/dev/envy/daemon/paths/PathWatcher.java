package dev.envy.daemon.paths;

import dev.envy.core.manifest.PathWatch;
import dev.envy.daemon.loop.PathWatchPort;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * WT-1: the services' {@code watch} settings on the JDK's {@link WatchService} (inotify on Linux): one thread blocked
 * in {@code take()}, so nothing runs while nothing changes. Only the directories a glob can reach are registered
 * ({@link PathWatch#roots()}); a directory created below them is registered as it appears (inotify is not recursive),
 * and what was created in it before that is reported too. {@code .git/}, {@code .envy/} and directories every watch
 * ignores are never registered. Each change a service's watch matches is reported as {@code (service, path)}; the
 * supervisor debounces. A lost event queue (overflow) is reported to every service.
 */
public final class PathWatcher implements PathWatchPort, AutoCloseable {

    private final Path project;
    private final BiConsumer<String, String> changed;
    private final Consumer<String> warn;
    private Session session;

    /**
     * @param project the project directory (globs are relative to it)
     * @param changed called with (service, project-relative path) on the watcher's thread; should only post an event
     * @param warn    where a directory that cannot be watched is reported
     */
    public PathWatcher(Path project, BiConsumer<String, String> changed, Consumer<String> warn) {
        this.project = project;
        this.changed = changed;
        this.warn = warn;
    }

    @Override
    public synchronized void watch(Map<String, PathWatch> watches) {
        if (session != null) {
            session.close();
            session = null;
        }
        if (watches.isEmpty()) {
            return;
        }
        try {
            session = new Session(Map.copyOf(watches));
        } catch (IOException e) {
            warn.accept("cannot watch files for " + String.join(", ", watches.keySet()) + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        watch(Map.of());
    }

    /** One set of watches on one {@link WatchService}, replaced as a whole when the watches change. */
    private final class Session {
        private final Map<String, PathWatch> watches;
        private final List<PathWatch.Root> roots;
        private final WatchService service;
        private final Map<WatchKey, Path> dirs = new ConcurrentHashMap<>();
        private final Thread thread;
        private boolean warned;

        Session(Map<String, PathWatch> watches) throws IOException {
            this.watches = watches;
            this.roots = watches.values().stream().flatMap(w -> w.roots().stream()).distinct().toList();
            this.service = FileSystems.getDefault().newWatchService();
            for (PathWatch.Root root : roots) {
                Path dir = project.resolve(root.dir()).normalize();
                if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    register(dir, false);
                } else { // not there yet: watch where it will appear
                    Path existing = dir.getParent();
                    while (existing != null && existing.startsWith(project) && !Files.isDirectory(existing)) {
                        existing = existing.getParent();
                    }
                    if (existing != null && existing.startsWith(project)) {
                        register(existing, false);
                    }
                }
            }
            thread = Thread.ofPlatform().daemon().name("envy-path-watcher").start(this::loop);
        }

        /** Registers {@code dir} and, as the roots say, its subdirectories; {@code report}s what is already there. */
        private void register(Path dir, boolean report) {
            if (!wanted(dir) || dirs.containsValue(dir)) {
                return;
            }
            try {
                WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
                dirs.put(key, dir);
            } catch (IOException | RuntimeException e) {
                if (!warned) {
                    warned = true;
                    warn.accept("cannot watch " + dir + " for changes: " + e.getMessage()
                            + " (on Linux, fs.inotify.max_user_watches may be too low)");
                }
                return;
            }
            try (Stream<Path> children = Files.list(dir)) {
                for (Path child : children.toList()) {
                    if (report) {
                        report(child);
                    }
                    if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                        register(child, report);
                    }
                }
            } catch (IOException e) {
                // gone again, or unreadable: nothing to watch in it
            }
        }

        /** Whether {@code dir} is a root, on the way to one, or inside a recursive one, and not ignored by all. */
        private boolean wanted(Path dir) {
            String rel = relative(dir);
            if (!rel.isEmpty() && watches.values().stream().allMatch(w -> w.ignores(rel))) {
                return false;
            }
            for (PathWatch.Root root : roots) {
                String r = root.dir();
                if (rel.equals(r) || r.isEmpty() && rel.isEmpty() || r.startsWith(rel.isEmpty() ? "" : rel + "/")
                        || root.recursive() && (r.isEmpty() || rel.startsWith(r + "/"))) {
                    return true;
                }
            }
            return false;
        }

        private void loop() {
            try {
                while (true) {
                    WatchKey key = service.take();
                    Path dir = dirs.get(key);
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                            watches.keySet().forEach(s -> changed.accept(s, ""));
                        } else if (dir != null && event.context() instanceof Path name) {
                            Path child = dir.resolve(name);
                            report(child);
                            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE
                                    && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                                register(child, true);
                            }
                        }
                    }
                    if (!key.reset()) {
                        dirs.remove(key);
                    }
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                // closed: this session is over
            }
        }

        private void report(Path path) {
            String rel = relative(path);
            watches.forEach((service, w) -> {
                if (w.matches(rel)) {
                    changed.accept(service, rel);
                }
            });
        }

        private String relative(Path path) {
            return project.relativize(path).toString().replace('\\', '/');
        }

        void close() {
            try {
                service.close();
            } catch (IOException e) {
                // closing a watch service cannot fail in a way that matters
            }
            if (Thread.currentThread() != thread) {
                try {
                    thread.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}

package dev.envy.host.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The daemon's ahead-of-time cache (JDK 25, docs/startup.md): the classes a daemon loads and links, as a training run
 * ({@code dev.envy.daemon.DaemonAotTraining}) left them, mapped by every daemon started after. It lives next to the CLI's,
 * {@code ${XDG_CACHE_HOME:-~/.cache}/envy/envy-daemon-<JDK version>.aot}, is used only when it is newer than the
 * daemon's jar, and is made in the background by the first daemon start that finds it missing or stale (one at a
 * time, at low priority, renamed into place whole). The JVM checks the cache itself and runs without it if it does not
 * match (another JDK, another classpath, a damaged file): a bad cache only costs start-up time.
 *
 * @param file      the cache file
 * @param daemonJar the daemon's jar, whose build makes an older cache stale
 */
public record DaemonAotCache(Path file, Path daemonJar) {

    /** Low priority for the training: it must not slow down the daemon start that asked for it. */
    private static final List<String> BACKGROUND = List.of("setsid", "nice", "-n", "19");
    private static final Set<String> TRAINING_ENVIRONMENT = Set.of("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR");

    /** The cache for the daemon built as {@code daemonJar}, where {@code env} puts the cache directory. */
    public static Optional<DaemonAotCache> of(Map<String, String> env, Path daemonJar) {
        String xdg = env.get("XDG_CACHE_HOME");
        String home = env.get("HOME");
        Path dir;
        if (xdg != null && !xdg.isBlank()) {
            dir = Path.of(xdg, "envy");
        } else if (home != null && !home.isBlank()) {
            dir = Path.of(home, ".cache", "envy");
        } else {
            return Optional.empty();
        }
        String version = Runtime.version().toString().replaceAll("[^A-Za-z0-9.+_-]", "_");
        return Optional.of(new DaemonAotCache(dir.resolve("envy-daemon-" + version + ".aot"), daemonJar));
    }

    /** Present, not empty, and made after the daemon's jar was built. */
    public boolean fresh() {
        return newerThanJar(file) && size(file) > 0;
    }

    /** The JVM flags that map the cache, quietly (a mismatch is not worth a line in the daemon log). */
    public List<String> jvmFlags() {
        return List.of("-XX:AOTCache=" + file, "-Xlog:aot=off", "-Xlog:cds=off");
    }

    /**
     * Starts making the cache in the background for daemons started as {@code daemon} (its java, flags and classpath),
     * unless it is fresh or a training failed since the last build. Returns at once; never throws.
     */
    public void makeInBackground(DaemonJvm daemon) {
        if (fresh() || newerThanJar(file.resolveSibling(file.getFileName() + ".failed"))) {
            return;
        }
        List<String> command = new ArrayList<>(BACKGROUND);
        command.add(daemon.java().toString());
        command.addAll(daemon.jvmFlags());
        command.addAll(List.of("-cp", daemon.classpath(), "dev.envy.daemon.DaemonAotTraining", file.toString()));
        command.addAll(daemon.jvmFlags());
        ProcessBuilder builder = new ProcessBuilder();
        // nothing of the user's environment (or of a caller's markers) leaks into the throw-away training project
        builder.environment().keySet().retainAll(TRAINING_ENVIRONMENT);
        try {
            Files.createDirectories(file.getParent());
            Detached.start(builder, command, Path.of("/dev/null")); // not a child: the CLI's exit does not wait for it
        } catch (IOException | RuntimeException e) {
            // no cache: daemons start a little slower, nothing else
        }
    }

    private boolean newerThanJar(Path path) {
        try {
            return Files.exists(path)
                    && Files.getLastModifiedTime(path).compareTo(Files.getLastModifiedTime(daemonJar)) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            return 0;
        }
    }
}

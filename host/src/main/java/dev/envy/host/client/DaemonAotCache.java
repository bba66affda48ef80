package dev.envy.host.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The daemon's ahead-of-time cache (JDK 25, docs/startup.md): the classes a daemon loads and links, as a training run
 * ({@code dev.envy.daemon.DaemonAotTraining}) left them, mapped by every daemon started after. It lives in the
 * directory bin/envy keeps for the running build ({@code envy.aot.dir}: one per build of a checkout and JDK, next to
 * the CLI's {@code cli.aot}), as {@code daemon.aot}. The first daemon start that finds it missing makes it in the
 * background (one at a time, at low priority, renamed into place whole); a training that failed leaves
 * {@code daemon.aot.failed} and is not retried for that build. A daemon whose cache the JVM rejects deletes it
 * ({@link AotCacheCheck}), so the next start makes it again.
 *
 * @param file the cache file
 */
public record DaemonAotCache(Path file) {

    /** Low priority for the training: it must not slow down the daemon start that asked for it. */
    private static final List<String> BACKGROUND = List.of("setsid", "nice", "-n", "19");
    private static final Set<String> TRAINING_ENVIRONMENT = Set.of("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR");

    /** The system property in which bin/envy names the directory of the running build's caches. */
    public static final String DIRECTORY_PROPERTY = "envy.aot.dir";

    /** The daemon's cache in the build's cache directory {@code dir}, if there is one. */
    public static Optional<DaemonAotCache> in(Optional<Path> dir) {
        return dir.map(d -> new DaemonAotCache(d.resolve("daemon.aot")));
    }

    /** Present and not empty (the training renames it into place whole). */
    public boolean fresh() {
        return size(file) > 0;
    }

    /** The JVM flags that map the cache, quietly, and name it for {@link AotCacheCheck}. */
    public List<String> jvmFlags() {
        return List.of("-XX:AOTCache=" + file, "-Xlog:aot=off", "-Xlog:cds=off",
                "-D" + AotCacheCheck.PROPERTY + "=" + file);
    }

    /**
     * Starts making the cache in the background for daemons started as {@code daemon} (its java, flags and classpath),
     * unless it is fresh, a training for this build failed, or the build's cache directory is gone. Returns at once;
     * never throws.
     */
    public void makeInBackground(DaemonJvm daemon) {
        if (fresh() || Files.exists(file.resolveSibling(file.getFileName() + ".failed"))
                || !Files.isDirectory(file.getParent())) {
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
            Detached.start(builder, command, Path.of("/dev/null")); // not a child: the CLI's exit does not wait for it
        } catch (IOException | RuntimeException e) {
            // no cache: daemons start a little slower, nothing else
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

package dev.envy.host.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Notices an ahead-of-time cache that the JVM was given but did not map (docs/startup.md). The JVM checks a cache as
 * it starts and, when the cache is damaged or was made for other JVM options, runs without it and without a word; a
 * JVM that maps one reports "sharing" in {@code java.vm.info}. The launcher of the JVM names the cache it passed in
 * the system property {@code envy.aot.cache} (bin/envy for the CLI, {@link DaemonJvm} for the daemon). A rejected
 * cache is deleted, so that the next start makes it again; when the cache made again is rejected too, a
 * {@code .failed} file next to it stops further attempts until the next build (whose caches live elsewhere).
 */
public final class AotCacheCheck {
    /** The system property naming the cache this JVM was started with. */
    public static final String PROPERTY = "envy.aot.cache";

    private AotCacheCheck() {
    }

    /** Called first thing in a main method: costs two property reads unless the cache was rejected. Never throws. */
    public static void atStart() {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isEmpty() || mapped(System.getProperty("java.vm.info"))) {
            return;
        }
        rejected(Path.of(file));
    }

    /** Whether a JVM whose {@code java.vm.info} is {@code vmInfo} runs with its cache mapped. */
    static boolean mapped(String vmInfo) {
        return vmInfo != null && vmInfo.contains("sharing");
    }

    /** Deletes a cache the JVM did not map; the second time for the same build, marks it failed instead of retrying. */
    static void rejected(Path cache) {
        Path once = cache.resolveSibling(cache.getFileName() + ".rejected");
        try {
            if (Files.exists(once)) {
                Files.writeString(cache.resolveSibling(cache.getFileName() + ".failed"),
                        "the JVM did not map this cache, nor the one made again after it\n");
            } else {
                Files.writeString(once, "");
            }
            Files.deleteIfExists(cache);
        } catch (IOException | RuntimeException e) {
            // an unwritable cache directory: every start runs without the cache, which only costs speed
        }
    }
}

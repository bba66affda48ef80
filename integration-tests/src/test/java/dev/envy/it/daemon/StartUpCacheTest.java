package dev.envy.it.daemon;

import dev.envy.it.support.Await;
import dev.envy.it.support.Envy;
import dev.envy.it.support.Projects;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static dev.envy.it.daemon.Fixture.daemonPid;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The start-up caches of the CLI and the daemon belong to one build (docs/startup.md): checkouts built one after the
 * other share a cache directory and each keeps its own caches, a rebuild gets new ones, and a cache the JVM will
 * not map is noticed and made again. A second checkout here is a copy of the build under test (bin/envy and the
 * jars), made after it, as a second clone built later would be.
 */
class StartUpCacheTest {
    private static final Duration TRAINING = Duration.ofSeconds(240);

    @RegisterExtension
    final Projects projects = new Projects();

    @Test
    void twoCheckoutsBuiltOneAfterTheOtherEachKeepTheirOwnCliCache() throws Exception {
        TestProject p = projects.copyOf("webapp");
        Path cache = Files.createDirectories(p.home().resolve("cache"));
        Envy a = p.envy().withEnv("XDG_CACHE_HOME", cache.toString());
        Envy b = a.withExecutable(secondCheckout(p.home().resolve("b")).resolve("bin/envy"));

        a.run("--version").assertOk();
        b.run("--version").assertOk();
        List<Path> caches = caches(cache, "cli.aot");
        assertEquals(2, caches.size(), "one cache per checkout: " + caches);
        List<FileTime> made = modified(caches);

        for (Envy envy : List.of(a, b, a, b)) {
            assertMapsItsOwnCache(p, envy, cache);
        }
        assertEquals(made, modified(caches), "neither cache was made again");
    }

    @Test
    void aRebuildGetsANewCacheAndTheOldOneOfThatCheckoutIsRemoved() throws Exception {
        TestProject p = projects.copyOf("webapp");
        Path cache = Files.createDirectories(p.home().resolve("cache"));
        Envy a = p.envy().withEnv("XDG_CACHE_HOME", cache.toString());
        Path checkout = secondCheckout(p.home().resolve("b"));
        Envy b = a.withExecutable(checkout.resolve("bin/envy"));
        a.run("--version").assertOk();
        b.run("--version").assertOk();
        Path first = ownCache(p, b, cache);

        // a rebuild of one library module: only its jar changes (same size, same contents: a build is a build)
        Path host = checkout.resolve("cli/target/lib/envy-host-0.1.0.jar");
        Path rebuilt = Files.copy(host, host.resolveSibling("rebuilt.tmp"));
        Files.move(rebuilt, host, StandardCopyOption.REPLACE_EXISTING);
        b.run("--version").assertOk();

        Path second = assertMapsItsOwnCache(p, b, cache);
        assertNotEquals(first, second, "the rebuild has a cache of its own");
        assertFalse(Files.exists(first.getParent()), "the old build's caches are removed: " + first);
        assertMapsItsOwnCache(p, a, cache);
        assertEquals(2, caches(cache, "cli.aot").size(), caches(cache, "cli.aot").toString());
    }

    @Test
    void oneCheckoutUsedWithTwoJdksKeepsACacheForEach() throws Exception {
        TestProject p = projects.copyOf("webapp");
        Path cache = Files.createDirectories(p.home().resolve("cache"));
        Path jdk = Path.of(System.getProperty("java.home")).toRealPath();
        // another JDK home for the launcher (the same JDK behind a link: another home, so another key)
        Path other = Files.createSymbolicLink(p.home().resolve("jdk-link"), jdk);
        Envy one = p.envy().withEnv("XDG_CACHE_HOME", cache.toString()).withEnv("JAVA_HOME", jdk.toString());
        Envy two = one.withEnv("JAVA_HOME", other.toString());

        one.run("--version").assertOk();
        two.run("--version").assertOk();
        List<Path> caches = caches(cache, "cli.aot");
        assertEquals(2, caches.size(), "one cache per JDK: " + caches);
        List<FileTime> made = modified(caches);
        for (Envy envy : List.of(one, two, one)) {
            assertMapsItsOwnCache(p, envy, cache);
        }
        assertEquals(made, modified(caches), "neither cache was made again");
    }

    @Test
    void aCacheTheJvmRejectsIsNoticedAndMadeAgain() throws Exception {
        TestProject p = projects.copyOf("webapp");
        Path cache = Files.createDirectories(p.home().resolve("cache"));
        Envy envy = p.envy().withEnv("XDG_CACHE_HOME", cache.toString());
        envy.run("--version").assertOk();
        Path made = caches(cache, "cli.aot").getFirst();
        byte[] garbage = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(garbage);
        Files.write(made, garbage);

        var r = envy.run("--version").assertOk();
        assertTrue(r.stdoutLines().getFirst().startsWith("envy "), r.toString());
        assertEquals("", r.stderr(), "nothing about the cache is printed");
        assertEquals(made, assertMapsItsOwnCache(p, envy, cache), "made again in its place");
    }

    @Test
    void theDaemonsOfTwoCheckoutsBuiltOneAfterTheOtherEachMapTheirOwnCache() throws Exception {
        Path cache = null;
        Path checkout = null;
        for (int i = 0; i < 2; i++) {
            TestProject p = projects.withManifest("""
                    version = 1

                    [services.sleeper]
                    command = "exec sleep 1000"
                    """);
            if (cache == null) {
                cache = Files.createDirectories(p.home().resolve("cache"));
                checkout = secondCheckout(p.home().resolve("b"));
            }
            Envy envy = p.envy().withEnv("XDG_CACHE_HOME", cache.toString());
            if (i == 1) {
                envy = envy.withExecutable(checkout.resolve("bin/envy"));
            }
            envy.run("up", "-d").assertOk();
            Path cli = ownCache(p, envy, cache);
            Path daemonCache = cli.resolveSibling("daemon.aot");
            // the first daemon of a build makes the cache in the background; the next one maps it
            Await.until("the daemon's cache " + daemonCache, TRAINING, () -> size(daemonCache) > 0
                    || Files.exists(cli.resolveSibling("daemon.aot.failed")));
            assertFalse(Files.exists(cli.resolveSibling("daemon.aot.failed")), "the daemon's training failed");
            envy.run("down").assertOk();
            envy.run("up", "-d").assertOk();
            long pid = daemonPid(p);
            String maps = Files.readString(Path.of("/proc/" + pid + "/maps"));
            assertTrue(maps.contains(daemonCache.toString()), "the daemon maps " + daemonCache);
            envy.run("down").assertOk();
        }
        assertEquals(2, caches(cache, "daemon.aot").size(), caches(cache, "daemon.aot").toString());
    }

    /** Runs {@code services status} and asserts that the CLI's classes came from the cache of its own build. */
    private static Path assertMapsItsOwnCache(TestProject p, Envy envy, Path cache) throws IOException {
        Path own = ownCache(p, envy, cache);
        Path log = p.home().resolve("aot-" + System.nanoTime() + ".log");
        envy.withEnv("ENVY_JAVA_OPTS", "-Xlog:aot=info,class+load=info:file=" + log).run("services", "status").assertOk();
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.stream().anyMatch(l -> l.contains("Opened AOT cache " + own)), "maps " + own);
        assertTrue(lines.stream().anyMatch(l -> l.contains(" dev.envy.cli.Main ") && l.contains("shared objects file")),
                "the CLI's classes come from the cache, not the jar");
        return own;
    }

    /** The CLI cache of the build that {@code envy} runs (what it passes to the JVM). */
    private static Path ownCache(TestProject p, Envy envy, Path cache) throws IOException {
        Path log = p.home().resolve("aot-" + System.nanoTime() + ".log");
        envy.withEnv("ENVY_JAVA_OPTS", "-Xlog:aot=info:file=" + log).run("--version").assertOk();
        String opened = Files.readAllLines(log).stream().filter(l -> l.contains("Opened AOT cache "))
                .findFirst().orElseThrow(() -> new AssertionError("no cache mapped"));
        Path file = Path.of(opened.substring(opened.indexOf("Opened AOT cache ") + "Opened AOT cache ".length())
                .replaceFirst("\\.$", ""));
        assertTrue(file.startsWith(cache.resolve("envy")), file.toString());
        return file;
    }

    /** A copy of the build under test (launcher and jars) at {@code dir}, with files of its own. */
    private static Path secondCheckout(Path dir) throws IOException {
        Path home = Envy.home();
        for (String part : List.of("bin/envy", "cli/target/envy-cli-0.1.0.jar", "cli/target/lib",
                "daemon/target/envy-daemon-0.1.0.jar", "daemon/target/lib")) {
            Path from = home.resolve(part);
            try (Stream<Path> files = Files.walk(from)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path to = dir.resolve(home.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(to);
                    } else {
                        Files.createDirectories(to.getParent());
                        Files.copy(f, to, StandardCopyOption.COPY_ATTRIBUTES); // the executable bit
                    }
                }
            }
        }
        return dir;
    }

    private static List<Path> caches(Path cacheHome, String name) throws IOException {
        try (Stream<Path> dirs = Files.list(cacheHome.resolve("envy"))) {
            return dirs.map(d -> d.resolve(name)).filter(Files::exists).sorted().toList();
        }
    }

    private static List<FileTime> modified(List<Path> files) throws IOException {
        List<FileTime> times = new java.util.ArrayList<>();
        for (Path f : files) {
            times.add(Files.getLastModifiedTime(f));
        }
        return times;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}

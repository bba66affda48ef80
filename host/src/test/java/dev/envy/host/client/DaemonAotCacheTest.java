package dev.envy.host.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonAotCacheTest {

    @TempDir
    Path dir;

    @Test
    void theCacheLivesInTheXdgCacheDirElseUnderHomeAndIsNamedForTheJdk() {
        Path jar = dir.resolve("daemon.jar");
        Path xdg = DaemonAotCache.of(Map.of("XDG_CACHE_HOME", "/x", "HOME", "/h"), jar).orElseThrow().file();
        assertEquals(Path.of("/x/envy"), xdg.getParent());
        assertTrue(xdg.getFileName().toString().startsWith("envy-daemon-" + Runtime.version().feature()), xdg.toString());
        assertEquals(Path.of("/h/.cache/envy"),
                DaemonAotCache.of(Map.of("HOME", "/h"), jar).orElseThrow().file().getParent());
        assertTrue(DaemonAotCache.of(Map.of(), jar).isEmpty(), "nowhere to keep it");
    }

    @Test
    void onlyACacheMadeAfterTheDaemonsBuildIsUsed() throws Exception {
        Path jar = Files.writeString(dir.resolve("daemon.jar"), "jar");
        DaemonAotCache cache = new DaemonAotCache(dir.resolve("daemon.aot"), jar);
        assertFalse(cache.fresh(), "missing");
        Files.writeString(cache.file(), "");
        assertFalse(cache.fresh(), "empty");
        Files.writeString(cache.file(), "cache");
        Files.setLastModifiedTime(cache.file(), FileTime.from(Instant.now().minusSeconds(60)));
        assertFalse(cache.fresh(), "older than the jar");
        Files.setLastModifiedTime(cache.file(), FileTime.from(Instant.now().plusSeconds(60)));
        assertTrue(cache.fresh());
        assertEquals(List.of("-XX:AOTCache=" + cache.file(), "-Xlog:aot=off", "-Xlog:cds=off"), cache.jvmFlags());
    }

    @Test
    void aDaemonCommandMapsTheCacheOnlyWhenItIsFresh() throws Exception {
        Path home = dir.resolve("home");
        Path jar = home.resolve("daemon/target/envy-daemon-0.1.0.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar");
        DaemonJvm command = DaemonJvm.fromEnvyHome(home);
        DaemonAotCache cache = command.aotCache().orElseThrow();
        assertEquals(cache.fresh(), command.jvmFlags().containsAll(cache.jvmFlags()));
        assertTrue(command.jvmFlags().containsAll(DaemonJvm.JVM_FLAGS));
    }

    @Test
    void noTrainingStartsWhileTheCacheIsFreshOrTheLastTrainingFailedSinceTheBuild() throws Exception {
        Path jar = Files.writeString(dir.resolve("daemon.jar"), "jar");
        Path file = dir.resolve("cache/daemon.aot");
        DaemonAotCache cache = new DaemonAotCache(file, jar);
        Files.createDirectories(file.getParent());
        Files.writeString(file.resolveSibling("daemon.aot.failed"), "");
        // a java that would leave a mark if it were run
        Path java = dir.resolve("java");
        Files.writeString(java, "#!/bin/sh\ntouch '" + dir.resolve("ran") + "'\n");
        assertTrue(java.toFile().setExecutable(true));
        cache.makeInBackground(new DaemonJvm(java, List.of(), "cp", "Main"));
        Files.writeString(file, "cache");
        Files.delete(file.resolveSibling("daemon.aot.failed"));
        cache.makeInBackground(new DaemonJvm(java, List.of(), "cp", "Main"));
        assertFalse(Files.exists(dir.resolve("ran")), "no training was started");
    }
}

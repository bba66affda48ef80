package dev.envy.host.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonAotCacheTest {

    @TempDir
    Path dir;

    @Test
    void theCacheLivesInTheBuildsCacheDirectoryAndThereIsNoneWithoutOne() {
        assertEquals(dir.resolve("daemon.aot"), DaemonAotCache.in(Optional.of(dir)).orElseThrow().file());
        assertTrue(DaemonAotCache.in(Optional.empty()).isEmpty(), "nowhere to keep it");
    }

    @Test
    void aCacheIsUsedWhenItIsThereWholeAndNamedForTheRejectionCheck() throws Exception {
        DaemonAotCache cache = new DaemonAotCache(dir.resolve("daemon.aot"));
        assertFalse(cache.fresh(), "missing");
        Files.writeString(cache.file(), "");
        assertFalse(cache.fresh(), "empty");
        Files.writeString(cache.file(), "cache");
        assertTrue(cache.fresh());
        assertEquals(List.of("-XX:AOTCache=" + cache.file(), "-Xlog:aot=off", "-Xlog:cds=off",
                "-Denvy.aot.cache=" + cache.file()), cache.jvmFlags());
    }

    @Test
    void aDaemonCommandMapsTheCacheOnlyWhenItIsThere() throws Exception {
        Path home = dir.resolve("home");
        Path jar = home.resolve("daemon/target/envy-daemon-0.1.0.jar");
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar");
        Path build = Files.createDirectories(dir.resolve("build"));
        DaemonJvm without = DaemonJvm.fromEnvyHome(home, Optional.of(build));
        DaemonAotCache cache = without.aotCache().orElseThrow();
        assertFalse(without.jvmFlags().stream().anyMatch(f -> f.startsWith("-XX:AOTCache")), without.jvmFlags().toString());
        Files.writeString(cache.file(), "cache");
        DaemonJvm with = DaemonJvm.fromEnvyHome(home, Optional.of(build));
        assertTrue(with.jvmFlags().containsAll(cache.jvmFlags()), with.jvmFlags().toString());
        assertTrue(with.jvmFlags().containsAll(DaemonJvm.JVM_FLAGS));
        assertTrue(DaemonJvm.fromEnvyHome(home, Optional.empty()).aotCache().isEmpty());
    }

    @Test
    void noTrainingStartsWhileTheCacheIsThereTheBuildsTrainingFailedOrItsDirectoryIsGone() throws Exception {
        Path file = dir.resolve("cache/daemon.aot");
        DaemonAotCache cache = new DaemonAotCache(file);
        // a java that would leave a mark if it were run
        Path java = dir.resolve("java");
        Files.writeString(java, "#!/bin/sh\ntouch '" + dir.resolve("ran") + "'\n");
        assertTrue(java.toFile().setExecutable(true));
        cache.makeInBackground(new DaemonJvm(java, List.of(), "cp", "Main"));
        Files.createDirectories(file.getParent());
        Files.writeString(file.resolveSibling("daemon.aot.failed"), "");
        cache.makeInBackground(new DaemonJvm(java, List.of(), "cp", "Main"));
        Files.writeString(file, "cache");
        Files.delete(file.resolveSibling("daemon.aot.failed"));
        cache.makeInBackground(new DaemonJvm(java, List.of(), "cp", "Main"));
        assertFalse(Files.exists(dir.resolve("ran")), "no training was started");
    }
}

package dev.envy.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProjectLocatorTest {
    @TempDir
    Path tmp;

    @Test
    void walksUpToTheNearestManifest() throws Exception {
        Path project = Files.createDirectories(tmp.resolve("app"));
        Files.writeString(project.resolve("envy.toml"), "");
        Path deep = Files.createDirectories(project.resolve("src/main/java"));
        Project found = new ProjectLocator(deep, Map.of()).find(Optional.empty());
        assertEquals(project.toRealPath(), found.dir());
        assertEquals(project.toRealPath().resolve("envy.toml"), found.manifest());
    }

    @Test
    void dirOptionWinsOverEnvyDirWhichWinsOverWalkingUp() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        Files.writeString(a.resolve("envy.toml"), "");
        Files.writeString(b.resolve("envy.toml"), "");
        Files.writeString(tmp.resolve("envy.toml"), "");
        ProjectLocator withEnv = new ProjectLocator(tmp, Map.of("ENVY_DIR", "b"));
        assertEquals(b.toRealPath(), withEnv.find(Optional.empty()).dir());
        assertEquals(a.toRealPath(), withEnv.find(Optional.of(Path.of("a"))).dir());
        assertEquals(tmp.toRealPath(), new ProjectLocator(tmp, Map.of()).find(Optional.empty()).dir());
    }

    @Test
    void aNamedDirWithoutManifestIsExit2() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        EnvyException e = assertThrows(EnvyException.class,
                () -> new ProjectLocator(tmp, Map.of()).find(Optional.of(empty)));
        assertEquals(2, e.exitCode());
        assertEquals("no envy.toml in " + empty, e.getMessage());
    }

    @Test
    void aSymlinkedProjectIsIdentifiedByItsRealPath() throws Exception {
        Path real = Files.createDirectories(tmp.resolve("real"));
        Files.writeString(real.resolve("envy.toml"), "");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        assertEquals(real.toRealPath(), new ProjectLocator(link, Map.of()).find(Optional.empty()).dir());
    }
}

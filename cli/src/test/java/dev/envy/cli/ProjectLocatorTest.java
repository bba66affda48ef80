package dev.envy.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /** {@code tmp/RELATIVE} holding an envy.toml, as its real path. */
    private Path project(String relative) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(relative));
        Files.writeString(dir.resolve("envy.toml"), "");
        return dir.toRealPath();
    }

    @Test
    void AC_11_theActiveEnvironmentWinsOverWalkingUpAndSaysSoOnce() throws Exception {
        Path a = project("a");
        Path b = project("b");
        Path inside = Files.createDirectories(b.resolve("sub"));
        List<String> notes = new ArrayList<>();
        ProjectLocator inB = new ProjectLocator(inside, Map.of("ENVY_ACTIVE", a.toString()), notes::add);
        assertEquals(a, inB.find(Optional.empty()).dir());
        assertEquals(List.of("envy: using the active environment " + a + " (the working directory's project is " + b
                + ")"), notes);

        notes.clear();
        assertEquals(b, inB.find(Optional.of(Path.of(".."))).dir());
        assertEquals(List.of(), notes, "a -d just typed needs no note");
        ProjectLocator envDir = new ProjectLocator(inside, Map.of("ENVY_ACTIVE", a.toString(), "ENVY_DIR", ".."),
                notes::add);
        assertEquals(b, envDir.find(Optional.empty()).dir());
        assertEquals(List.of(), notes, "$ENVY_DIR names the working directory's own project: nothing to say");
    }

    @Test
    void AC_11_noNoteWhereTheWorkingDirectoryHasNoProjectOrTheSameOne() throws Exception {
        Path a = project("a");
        Path deep = Files.createDirectories(a.resolve("deep"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        List<String> notes = new ArrayList<>();
        Map<String, String> env = Map.of("ENVY_ACTIVE", a.toString());
        assertEquals(a, new ProjectLocator(elsewhere, env, notes::add).find(Optional.empty()).dir());
        assertEquals(a, new ProjectLocator(deep, env, notes::add).find(Optional.empty()).dir());
        assertEquals(List.of(), notes);
    }

    @Test
    void AC_11_envyDirWinsOverTheActiveEnvironment() throws Exception {
        Path a = project("a");
        Path b = project("b");
        List<String> notes = new ArrayList<>();
        ProjectLocator l = new ProjectLocator(a, Map.of("ENVY_ACTIVE", a.toString(), "ENVY_DIR", b.toString()), notes::add);
        assertEquals(b, l.find(Optional.empty()).dir());
        assertEquals(List.of("envy: using $ENVY_DIR " + b + " (the working directory's project is " + a + ")"), notes);
    }

    @Test
    void AC_11_activateEntersTheWorkingDirectorysProjectAndFallsBackToTheActiveOne() throws Exception {
        Path a = project("a");
        Path b = project("b");
        Path none = Files.createDirectories(tmp.resolve("none"));
        List<String> notes = new ArrayList<>();
        Map<String, String> env = Map.of("ENVY_ACTIVE", a.toString());
        assertEquals(b, new ProjectLocator(b, env, notes::add).findForActivation(Optional.empty()).dir());
        assertEquals(a, new ProjectLocator(none, env, notes::add).findForActivation(Optional.empty()).dir());
        assertEquals(List.of(), notes);
    }

    @Test
    void AC_11_anActiveEnvironmentWhoseManifestIsGoneIsExit2WithAHint() throws Exception {
        Path gone = tmp.resolve("gone");
        EnvyException e = assertThrows(EnvyException.class,
                () -> new ProjectLocator(tmp, Map.of("ENVY_ACTIVE", gone.toString())).find(Optional.empty()));
        assertEquals(2, e.exitCode());
        assertEquals("the active environment " + gone + " has no envy.toml any more", e.getMessage());
        assertEquals(Optional.of("name a project with -d DIR, or leave the environment (`exit`)"), e.hint());
    }
}

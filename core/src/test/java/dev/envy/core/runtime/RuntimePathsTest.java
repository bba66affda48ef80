package dev.envy.core.runtime;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuntimePathsTest {

    private static final Path PROJECT = Path.of("/home/ann/src/shop");
    private static final String ID = EnvironmentId.of(PROJECT);

    @Test
    void envyRuntimeDirIsThePerUserBase() {
        var paths = RuntimePaths.resolve(PROJECT, 1000,
                Map.of("ENVY_RUNTIME_DIR", "/srv/envy", "XDG_RUNTIME_DIR", "/run/user/1000"));
        assertEquals(Path.of("/srv/envy", ID), paths.runtimeDir());
        assertEquals(Path.of("/srv/envy"), paths.userBase());
    }

    @Test
    void xdgRuntimeDirIsUsedWithAnEnvySubdirectory() {
        var paths = RuntimePaths.resolve(PROJECT, 1000, Map.of("XDG_RUNTIME_DIR", "/run/user/1000"));
        assertEquals(Path.of("/run/user/1000/envy", ID), paths.runtimeDir());
    }

    @Test
    void withoutVariablesTheDirIsInTmpPerUid() {
        var paths = RuntimePaths.resolve(PROJECT, 1000, Map.of());
        assertEquals(Path.of("/tmp/envy-1000", ID), paths.runtimeDir());
    }

    @Test
    void emptyOrRelativeVariablesCountAsUnset() {
        var paths = RuntimePaths.resolve(PROJECT, 7, Map.of("ENVY_RUNTIME_DIR", "", "XDG_RUNTIME_DIR", "run/x"));
        assertEquals(Path.of("/tmp/envy-7", ID), paths.runtimeDir());
    }

    @Test
    void theFilesLiveInTheRuntimeDirTheLockInTheProject() {
        var paths = RuntimePaths.resolve(PROJECT, 1000, Map.of());
        Path dir = paths.runtimeDir();
        assertEquals(dir.resolve("daemon.sock"), paths.socket());
        assertEquals(PROJECT.resolve(".envy/daemon.lock"), paths.daemonLock()); // HD-6: it cannot vanish with dir
        assertEquals(dir.resolve("start.lock"), paths.startLock());
        assertEquals(dir.resolve("daemon.json"), paths.daemonJson());
        assertEquals(dir.resolve("state.json"), paths.stateJson());
    }

    @Test
    void aVeryLongProjectPathStillGivesAShortSocketPath() {
        Path deep = Path.of("/home/someone-with-a-long-name/" + "nested-directory/".repeat(20)
                + "a-project-with-an-extraordinarily-long-directory-name-indeed");
        var paths = RuntimePaths.resolve(deep, 4_294_967_294L, Map.of("XDG_RUNTIME_DIR", "/run/user/4294967294"));
        int bytes = paths.socket().toString().getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes < 104, paths.socket() + " is " + bytes + " bytes");
        assertFalse(paths.socketPathTooLong());
        var tmp = RuntimePaths.resolve(deep, 4_294_967_294L, Map.of());
        assertTrue(tmp.socket().toString().length() < 104, tmp.socket().toString());
    }

    @Test
    void aDeepEnvyRuntimeDirIsReportedAsTooLong() {
        var paths = RuntimePaths.resolve(PROJECT, 1, Map.of("ENVY_RUNTIME_DIR", "/x" + "/y".repeat(60)));
        assertTrue(paths.socketPathTooLong());
    }

    @Test
    void theIdIsTheSanitizedNamePlusAHashOfThePath() {
        assertTrue(ID.matches("shop-[0-9a-f]{10}"), ID);
        assertNotEquals(ID, EnvironmentId.of(Path.of("/home/bob/src/shop")), "same name, other path");
        assertEquals(ID, EnvironmentId.of(Path.of("/home/ann/src/shop")), "stable");
        String odd = EnvironmentId.of(Path.of("/x/my project (ü)/with-a-name-that-goes-on-and-on"));
        assertTrue(odd.matches("[A-Za-z0-9_.-]{1,24}-[0-9a-f]{10}"), odd);
        assertTrue(EnvironmentId.of(Path.of("/")).matches("env-[0-9a-f]{10}"));
        assertTrue(EnvironmentId.of(Path.of("/a/.hidden")).startsWith("env.hidden-"));
    }

    @Test
    void projectPathsAreInsideDotEnvy() {
        var p = ProjectPaths.of(PROJECT);
        assertEquals(PROJECT.resolve(".envy"), p.stateDir());
        assertEquals(PROJECT.resolve(".envy/logs"), p.logsDir());
        assertEquals(PROJECT.resolve(".envy/logs/daemon.log"), p.daemonLog());
        assertEquals(PROJECT.resolve(".envy/logs/db.log"), p.serviceLog("db"));
        assertEquals(PROJECT.resolve(".envy/.gitignore"), p.gitignore());
    }
}

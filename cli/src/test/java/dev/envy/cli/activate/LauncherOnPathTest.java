package dev.envy.cli.activate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LauncherOnPathTest {
    @TempDir
    Path tmp;

    private Path launcherDir() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("envy/bin"));
        Path envy = Files.writeString(bin.resolve("envy"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(envy, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    @Test
    void AC_11_theLauncherDirectoryGoesFirstOnPath() throws IOException {
        Path bin = launcherDir();
        EnvironmentChange c = LauncherOnPath.change(Optional.of(bin), Map.of("PATH", "/usr/bin:/bin"));
        assertEquals(Map.of("PATH", bin + ":/usr/bin:/bin"), c.set());
    }

    @Test
    void AC_11_aNestedActivationAddsNothing() throws IOException {
        Path bin = launcherDir();
        Map<String, String> outer = new EnvironmentChange(Map.of(), java.util.Set.of())
                .then(LauncherOnPath.change(Optional.of(bin), Map.of("PATH", "/usr/bin")))
                .applyTo(Map.of("PATH", "/usr/bin"));
        assertEquals(Map.of(), LauncherOnPath.change(Optional.of(bin), outer).set());
    }

    @Test
    void AC_11_aLinkToTheLauncherAlreadyOnPathIsEnough() throws IOException {
        Path bin = launcherDir();
        Path local = Files.createDirectories(tmp.resolve("local/bin"));
        Files.createSymbolicLink(local.resolve("envy"), bin.resolve("envy"));
        assertEquals(Map.of(), LauncherOnPath.change(Optional.of(bin), Map.of("PATH", "/usr/bin:" + local)).set());
    }

    @Test
    void anotherEnvyOnPathDoesNotCountAndAnEmptyPathGetsJustTheLauncher() throws IOException {
        Path bin = launcherDir();
        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(other.resolve("envy"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(other.resolve("envy"), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(Map.of("PATH", bin + ":" + other), LauncherOnPath.change(Optional.of(bin), Map.of("PATH", other.toString())).set());
        assertEquals(Map.of("PATH", bin.toString()), LauncherOnPath.change(Optional.of(bin), Map.of()).set());
        assertEquals(Map.of(), LauncherOnPath.change(Optional.empty(), Map.of("PATH", "/usr/bin")).set());
    }
}

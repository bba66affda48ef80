package dev.envy.it.logs;

import dev.envy.it.support.Projects;
import dev.envy.it.support.TestProject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Shared fixtures of the log and client integration tests: projects built from scripts, log files read as bytes. */
final class LogFixture {
    static final Duration DEADLINE = Duration.ofSeconds(60);
    /** Length of the on-disk time prefix {@code 2026-11-22T01:02:03.456Z } (LogFormat). */
    static final int PREFIX = 25;
    static final String TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z ";

    private LogFixture() {
    }

    /** A project whose envy.toml is {@code version = 1} plus {@code toml}, with the executable scripts given. */
    static TestProject project(Projects projects, String toml, String... scriptNamesAndBodies) {
        TestProject p = projects.withManifest("version = 1\n" + toml);
        for (int i = 0; i + 1 < scriptNamesAndBodies.length; i += 2) {
            p.writeFile(scriptNamesAndBodies[i], scriptNamesAndBodies[i + 1]);
        }
        return p;
    }

    /** {@code [services.NAME]} running {@code command} (a TOML literal string: no single quotes). */
    static String service(String name, String command, String... extra) {
        StringBuilder toml = new StringBuilder("\n[services." + name + "]\ncommand = '" + command + "'\n");
        for (String line : extra) {
            toml.append(line).append('\n');
        }
        return toml.toString();
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    static String text(Path file) {
        return new String(bytes(file), java.nio.charset.StandardCharsets.UTF_8);
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code NAME.log.1}, {@code NAME.log.2}… that exist, in order. */
    static List<Path> rotated(TestProject p, String name) {
        List<Path> found = new ArrayList<>();
        for (int i = 1; ; i++) {
            Path f = p.log(name).resolveSibling(name + ".log." + i);
            if (!Files.exists(f)) {
                return found;
            }
            found.add(f);
        }
    }

    /** Splits bytes at {@code \n} (the final newline ends the last line; it does not start another). */
    static List<byte[]> lines(byte[] bytes) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines.add(java.util.Arrays.copyOfRange(bytes, start, i));
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            lines.add(java.util.Arrays.copyOfRange(bytes, start, bytes.length));
        }
        return lines;
    }

    /** The environment's runtime dir (the one subdirectory of the project's ENVY_RUNTIME_DIR). */
    static Optional<Path> environmentDir(TestProject p) {
        try (Stream<Path> dirs = Files.list(p.runtimeDir())) {
            return dirs.filter(Files::isDirectory).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path socket(TestProject p) {
        return environmentDir(p).orElseThrow(() -> new AssertionError("no runtime dir yet")).resolve("daemon.sock");
    }
}

package dev.envy.host.manifest;

import dev.envy.core.manifest.LoadResult;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class ManifestFileTest {
    private static final String LINUX = "x86_64-linux";

    @Test
    void loadReadsTheFileAndNamesItInProblems(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("envy.toml");
        Files.writeString(file, "[services.web]\ncomand = \"x\"\n");

        LoadResult result = ManifestFile.load(file, LINUX);

        assertEquals(List.of("envy.toml:1:1: service 'web' has no command (add command = \"...\" to [services.web])",
                        "envy.toml:2:1: unknown key 'comand' in service 'web' (did you mean 'command'?)"),
                assertInstanceOf(LoadResult.Invalid.class, result).problems().stream().map(Problem::format).toList());
    }

    @Test
    void HD_1_aFileOverTheSizeLimitIsRefusedFromItsSizeAndReadOnlyUpToIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("envy.toml");
        try (java.io.RandomAccessFile sparse = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(52_428_800); // 50 MiB of zero bytes, not stored
        }
        assertEquals(List.of("envy.toml:1:1: envy.toml is 52.4 MB; the limit is 1 MB (1000000 bytes) (no real manifest"
                        + " is this large; check that this is the file you meant)"),
                assertInstanceOf(LoadResult.Invalid.class, ManifestFile.load(file, LINUX)).problems().stream()
                        .map(Problem::format).toList());
        assertEquals(1_000_001, ManifestFile.read(file).length, "a read stops one byte past the limit");
        assertEquals(List.of("envy.toml:1:1: envy.toml is 52.4 MB; the limit is 1 MB (1000000 bytes) (no real manifest"
                        + " is this large; check that this is the file you meant)"),
                assertInstanceOf(LoadResult.Invalid.class, ManifestCache.in(dir).load(file, LINUX)).problems()
                        .stream().map(Problem::format).toList(), "the cache refuses it alike");
    }

    @Test
    void loadOfAValidFileKeepsItsPath(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("envy.toml");
        Files.writeString(file, "\uFEFF[services.web]\ncommand = \"x\"\n");

        Manifest m = ((LoadResult.Loaded) ManifestFile.load(file, LINUX)).manifest();

        assertEquals(file, m.file());
    }

    @Test
    void loadReportsInvalidUtf8WithItsPosition(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("envy.toml");
        byte[] head = "version = 1\nx = \"ab".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 2];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xC3;
        bytes[head.length + 1] = (byte) 0x28;
        Files.write(file, bytes);

        assertEquals(List.of("envy.toml:2:8: envy.toml is not valid UTF-8 (save it as UTF-8)"),
                assertInstanceOf(LoadResult.Invalid.class, ManifestFile.load(file, LINUX)).problems().stream()
                        .map(Problem::format).toList());
    }

    @Test
    void loadOfAMissingFileIsAProblemNotAnException(@TempDir Path dir) {
        LoadResult result = ManifestFile.load(dir.resolve("envy.toml"), LINUX);

        assertEquals("envy.toml:1:1: cannot read envy.toml: no such file (run envy init to create one)",
                assertInstanceOf(LoadResult.Invalid.class, result).problems().getFirst().format());
    }
}

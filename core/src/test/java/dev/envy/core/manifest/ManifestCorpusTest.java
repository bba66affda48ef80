package dev.envy.core.manifest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The manifest corpus: each {@code invalid/NAME.toml} must produce exactly the lines of {@code NAME.expected}
 * (every problem at once, in position order); each {@code valid/NAME.toml} must load. Loaded as {@code envy.toml}
 * on {@code x86_64-linux}.
 */
class ManifestCorpusTest {
    static final String SYSTEM = "x86_64-linux";

    static Stream<Path> invalidManifests() throws IOException, URISyntaxException {
        return manifests("invalid");
    }

    static Stream<Path> validManifests() throws IOException, URISyntaxException {
        return manifests("valid");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidManifests")
    void invalidManifestReportsExactlyTheExpectedProblems(Path manifest) throws IOException {
        Path expectedFile = manifest.resolveSibling(manifest.getFileName().toString().replace(".toml", ".expected"));
        assertTrue(Files.exists(expectedFile), "missing " + expectedFile.getFileName());
        List<String> expected = Files.readAllLines(expectedFile, StandardCharsets.UTF_8);

        LoadResult result = ManifestLoader.parse(Files.readString(manifest), Path.of("envy.toml"), SYSTEM);

        LoadResult.Invalid invalid = assertInstanceOf(LoadResult.Invalid.class, result, manifest.getFileName() + " loaded");
        assertEquals(String.join("\n", expected),
                String.join("\n", invalid.problems().stream().map(Problem::format).toList()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validManifests")
    void validManifestLoads(Path manifest) throws IOException {
        LoadResult result = ManifestLoader.parse(Files.readString(manifest), Path.of("envy.toml"), SYSTEM);

        if (result instanceof LoadResult.Invalid invalid) {
            throw new AssertionError(manifest.getFileName() + " is invalid:\n"
                    + String.join("\n", invalid.problems().stream().map(Problem::format).toList()));
        }
    }

    private static Stream<Path> manifests(String kind) throws IOException, URISyntaxException {
        Path dir = Path.of(Objects.requireNonNull(ManifestCorpusTest.class.getResource("/manifests/" + kind)).toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".toml")).sorted().toList().stream();
        }
    }
}

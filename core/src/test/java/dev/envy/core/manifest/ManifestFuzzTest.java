package dev.envy.core.manifest;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Whatever the input, loading answers with a manifest or problems, never an exception or an internal error. */
class ManifestFuzzTest {
    private static final String[] FRAGMENTS = {"[", "]", "{", "}", "\"", "'''", "=", ",", ".", "\n", "#", "${", "}",
            "depends-on", "readiness", "services", "command", "1", "-", "true", "[[services]]", "\\u0000", "0x",
            "1979-05-27", "inf", " ", "\t", "\r\n"};

    @Test
    void randomBytesNeverThrow() {
        Random random = new Random(20261122L);
        for (int i = 0; i < 300; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            assertLoadsOrExplains(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    @Test
    void mutationsOfValidManifestsNeverThrow() throws IOException, URISyntaxException {
        Random random = new Random(42L);
        for (String seed : validManifests()) {
            for (int i = 0; i < 100; i++) {
                assertLoadsOrExplains(mutate(seed, random));
            }
        }
    }

    @Test
    void deeplyNestedInputIsAProblemNotACrash() {
        assertLoadsOrExplains("a = " + "[".repeat(50_000));
        assertLoadsOrExplains("a = " + "[".repeat(20_000) + "]".repeat(20_000));
        assertLoadsOrExplains("a = " + "{ b = ".repeat(20_000) + "1" + " }".repeat(20_000));
    }

    private static String mutate(String text, Random random) {
        StringBuilder s = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && !s.isEmpty(); e++) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(4)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                case 2 -> s.setCharAt(at, (char) (32 + random.nextInt(95)));
                default -> {
                    int end = Math.min(s.length(), at + random.nextInt(30));
                    s.insert(random.nextInt(s.length()), s.substring(at, end));
                }
            }
        }
        return s.toString();
    }

    private static void assertLoadsOrExplains(String text) {
        LoadResult result = ManifestLoader.parse(text, Path.of("envy.toml"), "x86_64-linux");
        assertNotNull(result);
        if (result instanceof LoadResult.Invalid invalid) {
            assertFalse(invalid.problems().isEmpty(), "invalid without a problem for:\n" + text);
            for (Problem p : invalid.problems()) {
                assertFalse(p.message().contains("envy could not read"), p.format() + "\nfor input:\n" + text);
                assertFalse(p.line() < 1 || p.column() < 1, p.format());
            }
        }
    }

    private static List<String> validManifests() throws IOException, URISyntaxException {
        Path dir = Path.of(Objects.requireNonNull(ManifestFuzzTest.class.getResource("/manifests/valid")).toURI());
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                texts.add(Files.readString(f));
            }
        }
        return texts;
    }
}

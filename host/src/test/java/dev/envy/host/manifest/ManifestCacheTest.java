package dev.envy.host.manifest;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import dev.envy.core.manifest.LoadResult;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.ManifestLoader;
import dev.envy.core.manifest.cache.ManifestJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An entry is used only for the exact input it was made from; a cache in any bad state only costs a parse. */
class ManifestCacheTest {
    static final String LINUX = "x86_64-linux";
    static final String TOML = """
            version = 1
            [vars]
            GREETING = "hello"
            [services.db]
            command = "exec sleep 100000"
            readiness.tcp = "127.0.0.1:5432"
            [services.web]
            command = "exec sleep 100000"
            depends-on = ["db"]
            """;

    @TempDir
    Path project;
    Path manifest;
    Path state;
    final AtomicInteger parses = new AtomicInteger();

    @BeforeEach
    void writeProject() throws IOException {
        manifest = write(project.resolve("envy.toml"), TOML);
        state = Files.createDirectory(project.resolve(".envy"));
    }

    private ManifestCache cache(String build) {
        return cache(state, Optional.of(build));
    }

    private ManifestCache cache(Path stateDir, Optional<String> build) {
        return new ManifestCache(stateDir.resolve(ManifestCache.FILE_NAME), build, (text, file, system) -> {
            parses.incrementAndGet();
            return ManifestLoader.parse(text, file, system);
        });
    }

    @Test
    void theSecondLoadOfTheSameFileDoesNotParse() {
        Manifest first = loaded(cache("b1").load(manifest, LINUX));
        Manifest second = loaded(cache("b1").load(manifest, LINUX));

        assertEquals(1, parses.get());
        assertEquals(first, second);
        assertEquals(loaded(ManifestFile.load(manifest, LINUX)), second);
    }

    @Test
    void aHitIsTheCachedEntryNotAParse() throws IOException {
        cache("b1").load(manifest, LINUX);
        editEntries(entry -> entry.get("manifest").asObject().get("services").asObject().get("web").asObject()
                .set("command", "from the cache"));

        Manifest hit = loaded(cache("b1").load(manifest, LINUX));

        assertEquals("from the cache", hit.service("web").orElseThrow().command());
        assertEquals(1, parses.get());
    }

    @Test
    void changedBytesMiss() throws IOException {
        cache("b1").load(manifest, LINUX);
        write(manifest, TOML.replace("hello", "hullo"));

        Manifest changed = loaded(cache("b1").load(manifest, LINUX));

        assertEquals("hullo", changed.vars().get("GREETING"));
        assertEquals(2, parses.get());
    }

    @Test
    void anotherPathMisses() throws IOException {
        Path link = Files.createSymbolicLink(project.resolve("link.toml"), manifest);
        cache("b1").load(manifest, LINUX);

        Manifest viaLink = loaded(cache("b1").load(link, LINUX));

        assertEquals(link, viaLink.file());
        assertEquals(2, parses.get());
    }

    @Test
    void anotherSystemMisses() {
        cache("b1").load(manifest, LINUX);
        cache("b1").load(manifest, "aarch64-darwin");

        assertEquals(2, parses.get());
    }

    @Test
    void anotherBuildMisses() {
        cache("b1").load(manifest, LINUX);
        cache("b2").load(manifest, LINUX);

        assertEquals(2, parses.get());
    }

    @Test
    void anotherFormatMisses() throws IOException {
        cache("b1").load(manifest, LINUX);
        editEntries(entry -> entry.set("format", ManifestJson.FORMAT + 1));
        cache("b1").load(manifest, LINUX);

        assertEquals(2, parses.get());
    }

    @Test
    void withoutABuildIdentityNothingIsCached() {
        cache(state, Optional.empty()).load(manifest, LINUX);
        cache(state, Optional.empty()).load(manifest, LINUX);

        assertEquals(2, parses.get());
        assertFalse(Files.exists(state.resolve(ManifestCache.FILE_NAME)));
    }

    @Test
    void twoPathsToTheSameFileDoNotEvictEachOther() throws IOException {
        Path link = Files.createSymbolicLink(project.resolve("link.toml"), manifest);
        for (int round = 0; round < 3; round++) {
            cache("b1").load(manifest, LINUX);
            cache("b1").parse(Files.readAllBytes(link), link, LINUX);
            cache("b2").load(manifest, LINUX);
        }

        assertEquals(3, parses.get());
    }

    @Test
    void aNewerVersionOfTheFileReplacesTheOlderEntry() throws IOException {
        for (int i = 0; i < 10; i++) {
            write(manifest, TOML.replace("hello", "hello " + i));
            cache("b1").load(manifest, LINUX);
        }

        assertEquals(1, entries().size());
    }

    @Test
    void atMostAFewEntriesAreKept() throws IOException {
        for (int i = 0; i < ManifestCache.KEPT + 3; i++) {
            Path other = write(project.resolve("envy-" + i + ".toml"), TOML);
            cache("b1").load(other, LINUX);
        }

        assertEquals(ManifestCache.KEPT, entries().size());
        cache("b1").load(project.resolve("envy-" + (ManifestCache.KEPT + 2) + ".toml"), LINUX);
        assertEquals(ManifestCache.KEPT + 3, parses.get(), "the newest entry is kept");
    }

    @Test
    void anInvalidManifestIsNeverCached() throws IOException {
        write(manifest, TOML + "\n[services.web]\n");

        assertInstanceOf(LoadResult.Invalid.class, cache("b1").load(manifest, LINUX));
        LoadResult again = cache("b1").load(manifest, LINUX);

        assertEquals(ManifestFile.load(manifest, LINUX), again);
        assertEquals(2, parses.get());
        assertFalse(Files.exists(state.resolve(ManifestCache.FILE_NAME)));
    }

    @Test
    void bytesThatAreNotUtf8LoadAsWithoutACache() throws IOException {
        byte[] bytes = (TOML + "# \u00e9\n").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(manifest, bytes);

        assertEquals(ManifestFile.load(manifest, LINUX), cache("b1").load(manifest, LINUX));
        assertEquals(ManifestLoader.parse(new String(bytes, StandardCharsets.UTF_8), manifest, LINUX),
                cache("b1").parse(bytes, manifest, LINUX));
        assertFalse(Files.exists(state.resolve(ManifestCache.FILE_NAME)));
    }

    @Test
    void loadAndParseShareEntries() throws IOException {
        cache("b1").parse(Files.readAllBytes(manifest), manifest, LINUX);
        cache("b1").load(manifest, LINUX);

        assertEquals(1, parses.get());
    }

    @Test
    void aBrokenCacheFileIsParsedPastAndReplaced() throws IOException {
        List<String> broken = List.of("", "{", "not json at all", "[".repeat(100_000), "{\"entries\":[1,\"x\",{}]}",
                "{\"entries\":{}}", "[1,2,3]", "{\"some\":\"other tool\"}", "\u0000\u0001\u0002");
        Manifest expected = loaded(ManifestFile.load(manifest, LINUX));
        for (String content : broken) {
            write(state.resolve(ManifestCache.FILE_NAME), content);
            assertEquals(expected, loaded(cache("b1").load(manifest, LINUX)), content);
            assertEquals(1, entries().size(), "replaced after " + content);
        }
        Path cacheFile = state.resolve(ManifestCache.FILE_NAME);
        String whole = Files.readString(cacheFile);
        write(cacheFile, whole.substring(0, whole.length() / 2));
        assertEquals(expected, loaded(cache("b1").load(manifest, LINUX)), "truncated");
    }

    @Test
    void anEntryThatDoesNotDecodeIsParsedPast() throws IOException {
        cache("b1").load(manifest, LINUX);
        editEntries(entry -> entry.get("manifest").asObject().remove("services"));

        Manifest reloaded = loaded(cache("b1").load(manifest, LINUX));

        assertEquals(loaded(ManifestFile.load(manifest, LINUX)), reloaded);
        assertEquals(2, parses.get());
    }

    @Test
    void anUnwritableCacheOnlyCostsAParse() throws IOException {
        Path missing = project.resolve("no-such-dir");
        Path notADirectory = write(project.resolve("file-not-dir"), "");
        for (Path stateDir : List.of(missing, notADirectory)) {
            assertEquals(loaded(ManifestFile.load(manifest, LINUX)),
                    loaded(cache(stateDir, Optional.of("b1")).load(manifest, LINUX)));
        }

        assertFalse(Files.exists(missing), "the state directory is never created");
        try (Stream<Path> files = Files.list(project)) {
            assertEquals(List.of(".envy", "envy.toml", "file-not-dir"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file left");
        }
    }

    @Test
    void aMissingManifestIsReportedAsWithoutACache() throws IOException {
        Files.delete(manifest);

        assertEquals(ManifestFile.load(manifest, LINUX), cache("b1").load(manifest, LINUX));
    }

    @Test
    void noTemporaryFileIsLeftBehind() throws IOException {
        cache("b1").load(manifest, LINUX);
        cache("b2").load(manifest, LINUX);

        try (Stream<Path> files = Files.list(state)) {
            assertEquals(List.of(ManifestCache.FILE_NAME), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void concurrentWritersEachLeaveACompleteFile() throws Exception {
        int writers = 8;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            files.add(write(project.resolve("envy-" + i + ".toml"), TOML));
        }
        CountDownLatch go = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(writers)) {
            List<Future<LoadResult>> results = new ArrayList<>();
            for (Path file : files) {
                results.add(pool.submit(() -> {
                    go.await();
                    return cache("b1").load(file, LINUX);
                }));
            }
            go.countDown();
            for (int i = 0; i < writers; i++) {
                assertEquals(files.get(i), loaded(results.get(i).get()).file());
            }
        }

        List<JsonObject> entries = entries();
        assertTrue(!entries.isEmpty() && entries.size() <= ManifestCache.KEPT, entries.size() + " entries");
        for (JsonObject entry : entries) {
            Path file = Path.of(entry.get("path").asString());
            assertEquals(loaded(ManifestFile.load(file, LINUX)),
                    ManifestJson.decode(entry.get("manifest").asObject(), file));
        }
        try (Stream<Path> left = Files.list(state)) {
            assertEquals(List.of(ManifestCache.FILE_NAME), left.map(p -> p.getFileName().toString()).toList());
        }
    }

    private static Manifest loaded(LoadResult result) {
        return assertInstanceOf(LoadResult.Loaded.class, result, result.toString()).manifest();
    }

    private static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text);
    }

    private List<JsonObject> entries() throws IOException {
        return Json.parse(Files.readString(state.resolve(ManifestCache.FILE_NAME))).asObject().get("entries")
                .asArray().values().stream().map(v -> v.asObject()).toList();
    }

    private void editEntries(Consumer<JsonObject> edit) throws IOException {
        Path file = state.resolve(ManifestCache.FILE_NAME);
        JsonObject root = Json.parse(Files.readString(file)).asObject();
        root.get("entries").asArray().forEach(entry -> edit.accept(entry.asObject()));
        write(file, root.toString());
    }

    @Test
    void entriesRecordTheirKey() throws IOException {
        cache("b1").load(manifest, LINUX);

        JsonObject entry = entries().getFirst();
        assertEquals(manifest.toString(), entry.get("path").asString());
        assertEquals(LINUX, entry.get("system").asString());
        assertEquals("b1", entry.get("build").asString());
        assertEquals(ManifestJson.FORMAT, entry.get("format").asInt());
        assertTrue(entry.get("sha256").asString().matches("[0-9a-f]{64}"));
    }
}

package dev.envy.host.manifest;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import dev.envy.core.manifest.LoadResult;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.ManifestLoader;
import dev.envy.core.manifest.cache.ManifestJson;
import dev.envy.core.runtime.Sha256;
import dev.envy.host.fs.PrivateFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Manifests as loaded before, kept in the project's {@code .envy/manifest-cache.json} so that an unchanged
 * {@code envy.toml} is parsed once, not by every CLI run and daemon start (tomlj's set-up makes a cold JVM take
 * 0.1–0.3 s for 50 services; decoding the JSON takes a few ms). An entry is used only for the exact input it was made
 * from: the SHA-256 of the file's bytes, the path the manifest records, the system, {@link ManifestJson#FORMAT} and
 * the loader's {@link BuildIdentity}. Only valid manifests are kept: problems need tomlj's positions.
 *
 * <p>The file holds the {@value #KEPT} most recent entries, newest first; a new entry replaces only an older one of
 * the same path, system, format and build, so the CLI and the daemon reaching the same file by different paths (or
 * being different builds) do not evict each other. It is written whole to a uniquely named temporary file and renamed
 * into place: concurrent writers each leave a valid file and the last one wins. Its directory is never created here.
 * A missing, unreadable, corrupt, foreign or unwritable cache only means the manifest is parsed as without one.
 */
public final class ManifestCache {
    public static final String FILE_NAME = "manifest-cache.json";
    static final int KEPT = 4;
    /** A cache file larger than this is not read (a few manifests at the size limit, as JSON, fit many times). */
    static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    /** What parses manifest text on a miss ({@link ManifestLoader#parse}; tests count calls through it). */
    @FunctionalInterface
    public interface Parser {
        LoadResult parse(String text, Path file, String system);
    }

    private final Path cacheFile;
    private final Optional<String> build;
    private final Parser parser;

    ManifestCache(Path cacheFile, Optional<String> build, Parser parser) {
        this.cacheFile = cacheFile;
        this.build = build;
        this.parser = parser;
    }

    /** The cache in a project's state directory ({@code ProjectPaths.stateDir()}, {@code .envy}). */
    public static ManifestCache in(Path stateDir) {
        return new ManifestCache(stateDir.resolve(FILE_NAME), BuildIdentity.current(), ManifestLoader::parse);
    }

    /** {@link ManifestFile#load} through the cache: the same result for every file. */
    public LoadResult load(Path file, String system) {
        Optional<LoadResult> oversized = ManifestFile.oversized(file);
        if (oversized.isPresent()) {
            return oversized.get(); // refused from its size, unread
        }
        byte[] bytes;
        try {
            bytes = ManifestFile.read(file);
        } catch (IOException | RuntimeException e) {
            return ManifestFile.load(file, system);
        }
        Optional<String> text = utf8(bytes);
        return text.isPresent() ? cached(bytes, text.get(), file, system) : ManifestFile.load(file, system);
    }

    /**
     * {@link ManifestLoader#parse} of the file's bytes through the cache. Bytes that are not UTF-8 are decoded with
     * replacement characters and never cached.
     */
    public LoadResult parse(byte[] bytes, Path file, String system) {
        Optional<String> text = utf8(bytes);
        return text.isPresent() ? cached(bytes, text.get(), file, system)
                : parser.parse(new String(bytes, StandardCharsets.UTF_8), file, system);
    }

    private LoadResult cached(byte[] bytes, String text, Path file, String system) {
        if (build.isEmpty() || !Files.isDirectory(cacheFile.getParent())) {
            return parser.parse(text, file, system); // no identity, or no .envy/ yet: nothing to read or write
        }
        CacheKey key = new CacheKey(HexFormat.of().formatHex(Sha256.digest(bytes)), file.toString(), system,
                ManifestJson.FORMAT, build.get());
        List<JsonObject> entries = entries();
        for (JsonObject entry : entries) {
            if (key.matches(entry)) {
                try {
                    return new LoadResult.Loaded(ManifestJson.decode(entry.get("manifest").asObject(), file));
                } catch (RuntimeException e) {
                    break;
                }
            }
        }
        LoadResult result = parser.parse(text, file, system);
        if (result instanceof LoadResult.Loaded loaded) {
            store(entries, key, loaded.manifest());
        }
        return result;
    }

    /** The entries of the cache file, newest first; none when it is missing or not one of ours. */
    private List<JsonObject> entries() {
        try {
            if (Files.size(cacheFile) > MAX_FILE_BYTES) {
                return List.of(); // not one this envy wrote (its entries hold manifests of at most 1 MB)
            }
            JsonValue root = Json.parse(new String(Files.readAllBytes(cacheFile), StandardCharsets.UTF_8));
            List<JsonObject> entries = new ArrayList<>();
            for (JsonValue entry : root.asObject().get("entries").asArray()) {
                if (CacheKey.isEntry(entry)) {
                    entries.add(entry.asObject());
                }
            }
            return entries;
        } catch (IOException | RuntimeException | StackOverflowError e) {
            return List.of();
        }
    }

    private void store(List<JsonObject> entries, CacheKey key, Manifest manifest) {
        try {
            JsonObject encoded = ManifestJson.encode(manifest);
            if (!ManifestJson.decode(Json.parse(encoded.toString()).asObject(), manifest.file()).equals(manifest)) {
                return; // never keep what would not read back as the same manifest
            }
            JsonArray kept = new JsonArray().add(key.entry(encoded));
            for (JsonObject entry : entries) {
                if (kept.size() < KEPT && !key.sameSlot(entry)) {
                    kept.add(entry);
                }
            }
            write(Json.object().add("entries", kept).toString());
        } catch (IOException | RuntimeException e) {
            // unwritable (no .envy yet, a read-only project, a full disk): the next run parses again
        }
    }

    private void write(String json) throws IOException {
        ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(json));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        PrivateFiles.write(cacheFile, bytes); // it holds the manifest's values: the owner's only (HD-5)
    }

    private static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}

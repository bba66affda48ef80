package dev.envy.host.manifest;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import dev.envy.core.manifest.cache.ManifestJson;

/**
 * What a {@link ManifestCache} entry was made from; an entry is used only when all of it matches.
 *
 * @param sha256 hex SHA-256 of the manifest file's bytes
 * @param path   the manifest's path as the loader records it in {@code Manifest.file}
 * @param system the system the services were selected for
 * @param format {@link ManifestJson#FORMAT} of the encoded manifest
 * @param build  the {@link BuildIdentity} of the loader that parsed it
 */
record CacheKey(String sha256, String path, String system, int format, String build) {

    /** True when {@code entry} is an object with every key field and a manifest. */
    static boolean isEntry(JsonValue entry) {
        if (!entry.isObject()) {
            return false;
        }
        JsonObject o = entry.asObject();
        for (String name : new String[] {"sha256", "path", "system", "build"}) {
            JsonValue v = o.get(name);
            if (v == null || !v.isString()) {
                return false;
            }
        }
        JsonValue format = o.get("format");
        JsonValue manifest = o.get("manifest");
        return format != null && format.isNumber() && manifest != null && manifest.isObject();
    }

    JsonObject entry(JsonObject manifest) {
        return Json.object().add("sha256", sha256).add("path", path).add("system", system).add("format", format)
                .add("build", build).add("manifest", manifest);
    }

    /** True when {@code entry} (see {@link #isEntry}) was made from exactly this input. */
    boolean matches(JsonObject entry) {
        return sameSlot(entry) && sha256.equals(entry.get("sha256").asString());
    }

    /** True when {@code entry} is for the same file, system, format and build (whatever the file held then). */
    boolean sameSlot(JsonObject entry) {
        return path.equals(entry.get("path").asString()) && system.equals(entry.get("system").asString())
                && build.equals(entry.get("build").asString()) && entry.get("format").toString().equals(
                Integer.toString(format));
    }
}

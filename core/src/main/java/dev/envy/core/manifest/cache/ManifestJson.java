package dev.envy.core.manifest.cache;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import dev.envy.core.manifest.DaemonLogFormat;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.manifest.Size;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded {@link Manifest} as JSON and back, every field included, maps in their order: decoding what was encoded
 * gives a manifest {@code equals} to the original. The file is not encoded: it is part of the cache key, so the
 * decoder is given it. Decoding anything else fails with a {@link RuntimeException}; the services are in
 * {@link ServiceJson}.
 */
public final class ManifestJson {
    /** The shape of the JSON below; bump it with any change, so that entries of another shape are never read. */
    public static final int FORMAT = 4;

    private ManifestJson() {
    }

    public static JsonObject encode(Manifest m) {
        JsonObject services = new JsonObject();
        for (ServiceSpec s : m.services().values()) {
            services.add(s.name(), ServiceJson.encode(s));
        }
        Manifest.Options o = m.options();
        JsonObject options = Json.object()
                .add("systems", strings(o.systems()))
                .add("autoReload", o.autoReload())
                .add("logMaxSize", o.logMaxSize().bytes())
                .add("logKeep", o.logKeep())
                .add("daemonLogFormat", o.daemonLogFormat().word())
                .add("strictPorts", o.strictPorts());
        Manifest.Profile p = m.profile();
        return Json.object()
                .add("version", m.version())
                .add("vars", strings(m.vars()))
                .add("hook", Json.object()
                        .add("onActivate", optional(m.hook().onActivate()))
                        .add("onDeactivate", optional(m.hook().onDeactivate())))
                .add("profile", Json.object().add("common", p.common()).add("bash", p.bash()).add("zsh", p.zsh())
                        .add("fish", p.fish()))
                .add("autoStart", m.autoStart())
                .add("options", options)
                .add("services", services);
    }

    /** The manifest {@code json} encodes, as read from {@code file}. */
    public static Manifest decode(JsonObject json, Path file) {
        JsonObject hook = json.get("hook").asObject();
        JsonObject profile = json.get("profile").asObject();
        JsonObject o = json.get("options").asObject();
        Manifest.Options options = new Manifest.Options(strings(o.get("systems")), o.get("autoReload").asBoolean(),
                Size.ofBytes(o.get("logMaxSize").asLong()), o.get("logKeep").asInt(),
                DaemonLogFormat.parse(o.get("daemonLogFormat").asString()).orElseThrow(),
                o.get("strictPorts").asBoolean());
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        for (JsonObject.Member member : json.get("services").asObject()) {
            ServiceSpec spec = ServiceJson.decode(member.getValue().asObject());
            if (!spec.name().equals(member.getName())) {
                throw new IllegalArgumentException("service " + member.getName() + " holds " + spec.name());
            }
            if (services.put(member.getName(), spec) != null) {
                throw new IllegalArgumentException("service " + member.getName() + " twice");
            }
        }
        return new Manifest(file, json.get("version").asInt(), stringMap(json.get("vars")),
                new Manifest.Hook(optional(hook.get("onActivate")), optional(hook.get("onDeactivate"))),
                new Manifest.Profile(profile.get("common").asString(), profile.get("bash").asString(),
                        profile.get("zsh").asString(), profile.get("fish").asString()),
                json.get("autoStart").asBoolean(), options, services);
    }

    static JsonValue optional(Optional<String> value) {
        return value.isPresent() ? Json.value(value.get()) : Json.NULL;
    }

    static Optional<String> optional(JsonValue value) {
        return value.isNull() ? Optional.empty() : Optional.of(value.asString());
    }

    static JsonArray strings(List<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    static List<String> strings(JsonValue value) {
        List<String> list = new ArrayList<>();
        for (JsonValue v : value.asArray()) {
            list.add(v.asString());
        }
        return list;
    }

    static JsonObject strings(Map<String, String> map) {
        JsonObject object = new JsonObject();
        map.forEach(object::add);
        return object;
    }

    static Map<String, String> stringMap(JsonValue value) {
        Map<String, String> map = new LinkedHashMap<>();
        for (JsonObject.Member member : value.asObject()) {
            if (map.put(member.getName(), member.getValue().asString()) != null) {
                throw new IllegalArgumentException("duplicate key " + member.getName());
            }
        }
        return map;
    }
}

package dev.envy.core.manifest.cache;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import dev.envy.core.manifest.Condition;
import dev.envy.core.manifest.Liveness;
import dev.envy.core.manifest.PathWatch;
import dev.envy.core.manifest.Readiness;
import dev.envy.core.manifest.Restart;
import dev.envy.core.manifest.RestartPolicy;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.manifest.Signal;
import dev.envy.core.manifest.Stop;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** One {@link ServiceSpec} (with its {@link Readiness}) as JSON and back, for {@link ManifestJson}. */
final class ServiceJson {
    private ServiceJson() {
    }

    static JsonObject encode(ServiceSpec s) {
        JsonObject dependsOn = new JsonObject();
        s.dependsOn().forEach((name, condition) -> dependsOn.add(name, condition.word()));
        return Json.object()
                .add("name", s.name())
                .add("command", s.command())
                .add("vars", ManifestJson.strings(s.vars()))
                .add("workingDir", s.workingDir())
                .add("dependsOn", dependsOn)
                .add("readiness", s.readiness().isPresent() ? readiness(s.readiness().get()) : Json.NULL)
                .add("restart", s.restart().policy().word())
                .add("restartDelay", duration(s.restart().delay()))
                .add("maxRestarts", s.restart().maxRestarts())
                .add("stopSignal", Json.object().add("number", s.stop().signal().number())
                        .add("name", s.stop().signal().name()))
                .add("stopTimeout", duration(s.stop().timeout()))
                .add("shutdownCommand", ManifestJson.optional(s.stop().shutdownCommand()))
                .add("isDaemon", s.isDaemon())
                .add("autostart", s.autostart())
                .add("systems", ManifestJson.strings(s.systems()))
                .add("liveness", s.liveness().isPresent() ? liveness(s.liveness().get()) : Json.NULL)
                .add("watchdog", s.watchdog().isPresent() ? duration(s.watchdog().get()) : Json.NULL)
                .add("watch", s.watch().isPresent() ? Json.object()
                        .add("globs", ManifestJson.strings(s.watch().get().globs()))
                        .add("ignore", ManifestJson.strings(s.watch().get().ignore()))
                        .add("debounce", duration(s.watch().get().debounce())) : Json.NULL)
                .add("ports", ports(s.ports()))
                .add("restartsWith", ManifestJson.strings(List.copyOf(s.restartsWith())));
    }

    static ServiceSpec decode(JsonObject o) {
        Map<String, Condition> dependsOn = new LinkedHashMap<>();
        for (Map.Entry<String, String> dep : ManifestJson.stringMap(o.get("dependsOn")).entrySet()) {
            dependsOn.put(dep.getKey(), Condition.parse(dep.getValue()).orElseThrow());
        }
        JsonValue readiness = o.get("readiness");
        JsonObject signal = o.get("stopSignal").asObject();
        return new ServiceSpec(
                o.get("name").asString(),
                o.get("command").asString(),
                ManifestJson.stringMap(o.get("vars")),
                o.get("workingDir").asString(),
                dependsOn,
                readiness.isNull() ? Optional.empty() : Optional.of(readiness(readiness.asObject())),
                new Restart(RestartPolicy.parse(o.get("restart").asString()).orElseThrow(),
                        duration(o.get("restartDelay")),
                        o.get("maxRestarts").asInt()),
                new Stop(new Signal(signal.get("number").asInt(), signal.get("name").asString()),
                        duration(o.get("stopTimeout")),
                        ManifestJson.optional(o.get("shutdownCommand"))),
                o.get("isDaemon").asBoolean(),
                o.get("autostart").asBoolean(),
                ManifestJson.strings(o.get("systems")),
                o.get("liveness").isNull() ? Optional.empty() : Optional.of(liveness(o.get("liveness").asObject())),
                o.get("watchdog").isNull() ? Optional.empty() : Optional.of(duration(o.get("watchdog"))),
                o.get("watch").isNull() ? Optional.empty() : Optional.of(new PathWatch(
                        ManifestJson.strings(o.get("watch").asObject().get("globs")),
                        ManifestJson.strings(o.get("watch").asObject().get("ignore")),
                        duration(o.get("watch").asObject().get("debounce")))),
                ports(o.get("ports").asObject()),
                new java.util.LinkedHashSet<>(ManifestJson.strings(o.get("restartsWith"))));
    }

    private static JsonObject ports(Map<String, Integer> ports) {
        JsonObject o = new JsonObject();
        ports.forEach(o::add);
        return o;
    }

    private static Map<String, Integer> ports(JsonObject o) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (JsonObject.Member m : o) {
            ports.put(m.getName(), m.getValue().asInt());
        }
        return ports;
    }

    private static JsonObject liveness(Liveness l) {
        return Json.object()
                .add("check", check(l.check()))
                .add("period", duration(l.period()))
                .add("timeout", duration(l.timeout()))
                .add("initialDelay", duration(l.initialDelay()))
                .add("failureThreshold", l.failureThreshold());
    }

    private static Liveness liveness(JsonObject o) {
        return new Liveness(check(o.get("check").asObject()), duration(o.get("period")), duration(o.get("timeout")),
                duration(o.get("initialDelay")), o.get("failureThreshold").asInt());
    }

    private static JsonObject check(Readiness.Check c) {
        JsonObject check = Json.object().add("kind", c instanceof Readiness.Pending ? "pending" : c.kind());
        switch (c) {
            case Readiness.CommandCheck command -> check.add("command", command.command());
            case Readiness.HttpCheck h -> check.add("uri", h.uri().toString());
            case Readiness.TcpCheck t -> check.add("host", t.host()).add("port", t.port());
            case Readiness.LogCheck l -> check.add("pattern", l.pattern().pattern()).add("flags", l.pattern().flags());
            case Readiness.NotifyCheck n -> { }
            case Readiness.Pending p -> check.add("of", p.of()).add("text", p.text());
        }
        return check;
    }

    private static JsonObject readiness(Readiness r) {
        return Json.object()
                .add("check", check(r.check()))
                .add("interval", duration(r.interval()))
                .add("timeout", duration(r.timeout()))
                .add("initialDelay", duration(r.initialDelay()));
    }

    private static Readiness readiness(JsonObject o) {
        return new Readiness(check(o.get("check").asObject()), duration(o.get("interval")),
                duration(o.get("timeout")), duration(o.get("initialDelay")));
    }

    private static Readiness.Check check(JsonObject c) {
        String kind = c.get("kind").asString();
        return switch (kind) {
            case "command" -> new Readiness.CommandCheck(c.get("command").asString());
            case "http" -> new Readiness.HttpCheck(URI.create(c.get("uri").asString()));
            case "tcp" -> new Readiness.TcpCheck(c.get("host").asString(), c.get("port").asInt());
            case "log" -> new Readiness.LogCheck(Pattern.compile(c.get("pattern").asString(), c.get("flags").asInt()));
            case "notify" -> new Readiness.NotifyCheck();
            case "pending" -> new Readiness.Pending(c.get("of").asString(), c.get("text").asString());
            default -> throw new IllegalArgumentException("unknown readiness check " + kind);
        };
    }

    /** {@code [seconds, nanos]}: exact for every {@link Duration}. */
    private static JsonValue duration(Duration d) {
        return Json.array().add(d.getSeconds()).add(d.getNano());
    }

    private static Duration duration(JsonValue value) {
        var pair = value.asArray();
        if (pair.size() != 2) {
            throw new IllegalArgumentException("a duration is [seconds, nanos]");
        }
        return Duration.ofSeconds(pair.get(0).asLong(), pair.get(1).asInt());
    }
}

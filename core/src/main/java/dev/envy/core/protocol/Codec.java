package dev.envy.core.protocol;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import com.eclipsesource.json.ParseException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON encoding of every {@link Request} and {@link Response}: one object per message, tagged by a {@code "type"}
 * member equal to the record's {@code tag()}, the other members named after the record's components. A {@code null}
 * string is JSON {@code null}. The switches are exhaustive with no default, so a new message type does not compile
 * until it is encoded here.
 */
public final class Codec {

    private static final String TYPE = "type";

    private Codec() {
    }

    public static byte[] encode(Request request) {
        JsonObject o = Json.object().add(TYPE, request.tag());
        switch (request) {
            case Request.Hello r -> o.add("protocolVersion", r.protocolVersion()).add("clientVersion", r.clientVersion());
            case Request.Start r -> o.add("names", strings(r.names())).add("await", r.await())
                    .add("timeoutMillis", r.timeoutMillis());
            case Request.Stop r -> o.add("names", strings(r.names())).add("await", r.await());
            case Request.Restart r -> o.add("names", strings(r.names())).add("withDependents", r.withDependents())
                    .add("await", r.await()).add("timeoutMillis", r.timeoutMillis());
            case Request.Status r -> o.add("names", strings(r.names()));
            case Request.Up r -> o.add("await", r.await()).add("timeoutMillis", r.timeoutMillis());
            case Request.Down r -> { }
            case Request.Attach r -> o.add("pid", r.pid()).add("startTime", r.startTime());
            case Request.Expect r -> o.add("token", r.token());
            case Request.Reload r -> { }
            case Request.Hold r -> { }
            case Request.Watch r -> { }
            case Request.Wait r -> o.add("names", strings(r.names())).add("timeoutMillis", r.timeoutMillis());
        }
        return bytes(o);
    }

    public static byte[] encode(Response response) {
        JsonObject o = Json.object().add(TYPE, response.tag());
        switch (response) {
            case Response.Welcome r -> o.add("protocolVersion", r.protocolVersion())
                    .add("daemonVersion", r.daemonVersion()).add("daemonPid", r.daemonPid());
            case Response.Progress r -> o.add("service", r.service()).add("status", r.status())
                    .add("detail", r.detail());
            case Response.Result r -> o.add("exitCode", r.exitCode()).add("notes", strings(r.notes()))
                    .add("errors", strings(r.errors())).add("services", views(r.services()))
                    .add("logTails", tails(r.logTails()));
            case Response.StatusReport r -> report(o, r);
            case Response.StatusChanged r -> report(o, r.report());
            case Response.Error r -> o.add("exitCode", r.exitCode()).add("message", r.message()).add("hint", r.hint());
            case Response.ShuttingDown r -> { }
        }
        return bytes(o);
    }

    public static Request decodeRequest(byte[] payload) throws ProtocolException {
        Fields f = Fields.parse(payload, "request");
        try {
            return switch (f.type()) {
                case "hello" -> new Request.Hello(f.integer("protocolVersion"), f.string("clientVersion"));
                case "start" -> new Request.Start(f.strings("names"), f.bool("await"), f.number("timeoutMillis"));
                case "stop" -> new Request.Stop(f.strings("names"), f.bool("await"));
                case "restart" -> new Request.Restart(f.strings("names"), f.bool("withDependents"), f.bool("await"),
                        f.number("timeoutMillis"));
                case "status" -> new Request.Status(f.strings("names"));
                case "up" -> new Request.Up(f.bool("await"), f.number("timeoutMillis"));
                case "down" -> new Request.Down();
                case "attach" -> new Request.Attach(f.number("pid"), f.number("startTime"));
                case "expect" -> new Request.Expect(f.string("token"));
                case "reload" -> new Request.Reload();
                case "hold" -> new Request.Hold();
                case "watch" -> new Request.Watch();
                case "wait" -> new Request.Wait(f.strings("names"), f.number("timeoutMillis"));
                default -> throw new ProtocolException("unknown request type '" + f.type() + "'");
            };
        } catch (NullPointerException e) {
            throw new ProtocolException(f.type() + ": a list holds null", e);
        }
    }

    public static Response decodeResponse(byte[] payload) throws ProtocolException {
        Fields f = Fields.parse(payload, "response");
        try {
            return switch (f.type()) {
                case "welcome" -> new Response.Welcome(f.integer("protocolVersion"), f.string("daemonVersion"),
                        f.number("daemonPid"));
                case "progress" -> new Response.Progress(f.string("service"), f.string("status"), f.string("detail"));
                case "result" -> new Response.Result(f.integer("exitCode"), f.strings("notes"), f.strings("errors"),
                        f.views("services"), f.tails("logTails"));
                case "status" -> f.report();
                case "status-changed" -> new Response.StatusChanged(f.report());
                case "error" -> new Response.Error(f.integer("exitCode"), f.string("message"), f.string("hint"));
                case "shutting-down" -> new Response.ShuttingDown();
                default -> throw new ProtocolException("unknown response type '" + f.type() + "'");
            };
        } catch (NullPointerException e) {
            throw new ProtocolException(f.type() + ": a list holds null", e);
        }
    }

    private static void report(JsonObject o, Response.StatusReport r) {
        o.add("services", views(r.services())).add("manifestStale", r.manifestStale())
                .add("activations", r.activations()).add("hold", r.hold());
    }

    private static byte[] bytes(JsonObject o) {
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonArray strings(List<String> values) {
        JsonArray a = Json.array();
        values.forEach(a::add);
        return a;
    }

    private static JsonArray tails(List<Response.LogTail> tails) {
        JsonArray a = Json.array();
        tails.forEach(t -> a.add(Json.object().add("service", t.service()).add("lines", strings(t.lines()))));
        return a;
    }

    private static JsonArray views(List<ServiceView> views) {
        JsonArray a = Json.array();
        for (ServiceView v : views) {
            a.add(Json.object().add("name", v.name()).add("status", v.status()).add("ready", v.ready())
                    .add("pid", v.pid()).add("sinceMillis", v.sinceMillis()).add("startedMillis", v.startedMillis())
                    .add("restarts", v.restarts()).add("exitCode", v.exitCode()).add("signal", v.signal())
                    .add("message", v.message()).add("statusText", v.statusText()).add("ports", ports(v.ports())));
        }
        return a;
    }

    private static JsonObject ports(java.util.Map<String, Integer> ports) {
        JsonObject o = Json.object();
        ports.forEach(o::add);
        return o;
    }

    /** Typed access to one JSON object's members, failing with a message that names the message type and member. */
    private record Fields(JsonObject object, String type) {

        static Fields parse(byte[] payload, String what) throws ProtocolException {
            JsonValue value;
            try {
                value = Json.parse(new String(payload, StandardCharsets.UTF_8));
            } catch (ParseException e) {
                throw new ProtocolException("malformed " + what + ": " + e.getMessage(), e);
            }
            if (!value.isObject()) {
                throw new ProtocolException("malformed " + what + ": expected a JSON object");
            }
            JsonValue type = value.asObject().get(TYPE);
            if (type == null || !type.isString()) {
                throw new ProtocolException("malformed " + what + ": no \"type\" string");
            }
            return new Fields(value.asObject(), type.asString());
        }

        private JsonValue member(String name) throws ProtocolException {
            JsonValue v = object.get(name);
            if (v == null) {
                throw new ProtocolException(type + ": missing member '" + name + "'");
            }
            return v;
        }

        private ProtocolException wrong(String name, String expected) {
            return new ProtocolException(type + ": member '" + name + "' is not " + expected);
        }

        String string(String name) throws ProtocolException {
            JsonValue v = member(name);
            if (v.isNull()) {
                return null;
            }
            if (!v.isString()) {
                throw wrong(name, "a string");
            }
            return v.asString();
        }

        boolean bool(String name) throws ProtocolException {
            JsonValue v = member(name);
            if (!v.isBoolean()) {
                throw wrong(name, "a boolean");
            }
            return v.asBoolean();
        }

        long number(String name) throws ProtocolException {
            JsonValue v = member(name);
            try {
                if (v.isNumber()) {
                    return v.asLong();
                }
            } catch (NumberFormatException e) {
                throw wrong(name, "a whole number");
            }
            throw wrong(name, "a number");
        }

        int integer(String name) throws ProtocolException {
            long n = number(name);
            if (n != (int) n) {
                throw wrong(name, "a 32-bit number");
            }
            return (int) n;
        }

        List<String> strings(String name) throws ProtocolException {
            JsonValue v = member(name);
            if (!v.isArray()) {
                throw wrong(name, "an array");
            }
            List<String> out = new ArrayList<>();
            for (JsonValue e : v.asArray()) {
                if (!e.isString()) {
                    throw wrong(name, "an array of strings");
                }
                out.add(e.asString());
            }
            return out;
        }

        java.util.Map<String, Integer> ports(String name) throws ProtocolException {
            JsonValue v = member(name);
            if (!v.isObject()) {
                throw wrong(name, "an object");
            }
            java.util.Map<String, Integer> out = new java.util.LinkedHashMap<>();
            for (JsonObject.Member m : v.asObject()) {
                if (!m.getValue().isNumber()) {
                    throw wrong(name, "an object of port numbers");
                }
                out.put(m.getName(), m.getValue().asInt());
            }
            return out;
        }

        List<ServiceView> views(String name) throws ProtocolException {
            JsonValue v = member(name);
            if (!v.isArray()) {
                throw wrong(name, "an array");
            }
            List<ServiceView> out = new ArrayList<>();
            for (JsonValue e : v.asArray()) {
                if (!e.isObject()) {
                    throw wrong(name, "an array of objects");
                }
                Fields s = new Fields(e.asObject(), type + "." + name);
                out.add(new ServiceView(s.string("name"), s.string("status"), s.bool("ready"), s.number("pid"),
                        s.number("sinceMillis"), s.number("startedMillis"), s.integer("restarts"),
                        s.integer("exitCode"), s.string("signal"), s.string("message"), s.string("statusText"),
                        s.ports("ports")));
            }
            return out;
        }

        List<Response.LogTail> tails(String name) throws ProtocolException {
            JsonValue v = member(name);
            if (!v.isArray()) {
                throw wrong(name, "an array");
            }
            List<Response.LogTail> out = new ArrayList<>();
            for (JsonValue e : v.asArray()) {
                if (!e.isObject()) {
                    throw wrong(name, "an array of objects");
                }
                Fields t = new Fields(e.asObject(), type + "." + name);
                out.add(new Response.LogTail(t.string("service"), t.strings("lines")));
            }
            return out;
        }

        Response.StatusReport report() throws ProtocolException {
            return new Response.StatusReport(views("services"), bool("manifestStale"), integer("activations"),
                    bool("hold"));
        }
    }
}

package dev.envy.core.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodecTest {

    private static final ServiceView FULL = new ServiceView("db", "failed", false, 4242, 1_790_000_000_123L,
            1_790_000_000_000L, 3, 137, "SIGKILL", "killed from outside");
    private static final ServiceView SPARSE = new ServiceView("web", "not-started", false, -1, 0, 0, 0, -1, null,
            null);

    static Stream<Request> requests() {
        return Stream.of(
                new Request.Hello(Protocol.VERSION, "0.1.0"),
                new Request.Hello(7, null),
                new Request.Start(List.of("db", "web"), true, 60_000),
                new Request.Start(List.of(), false, 0),
                new Request.Stop(List.of("db"), true),
                new Request.Stop(List.of(), false),
                new Request.Restart(List.of("a", "b"), true, true, 5_000),
                new Request.Restart(List.of(), false, false, Long.MAX_VALUE),
                new Request.Status(List.of()),
                new Request.Status(List.of("näme \"quoted\"\n")),
                new Request.Up(true, 60_000),
                new Request.Down(),
                new Request.Attach(123456, 987654321012L),
                new Request.Expect("0f3c9a"),
                new Request.Reload(),
                new Request.Hold(),
                new Request.Watch());
    }

    static Stream<Response> responses() {
        return Stream.of(
                new Response.Welcome(Protocol.VERSION, "0.1.0", 4711),
                new Response.Welcome(1, null, -1),
                new Response.Progress("db", "ready", "after 1.2s"),
                new Response.Progress("db", "running", null),
                new Response.Result(0, List.of("web: already running"), List.of(), List.of(FULL, SPARSE)),
                new Response.Result(2, List.of(), List.of("unknown service 'dbb' (did you mean 'db'?)"), List.of()),
                new Response.Result(1, List.of(), List.of("db: failed with exit code 3"), List.of(SPARSE),
                        List.of(new Response.LogTail("db", List.of("starting", "FATAL: no such file")))),
                new Response.StatusReport(List.of(FULL, SPARSE), true, 2, false),
                new Response.StatusReport(List.of(), false, 0, true),
                new Response.StatusChanged(new Response.StatusReport(List.of(FULL, SPARSE), true, 1, true)),
                new Response.Error(3, "envy client speaks protocol 2 but the daemon speaks 1", "run `envy down`"),
                new Response.Error(2, "bad", null),
                new Response.ShuttingDown());
    }

    @ParameterizedTest
    @MethodSource("requests")
    void everyRequestSurvivesARoundTrip(Request request) throws ProtocolException {
        assertEquals(request, Codec.decodeRequest(Codec.encode(request)));
    }

    @ParameterizedTest
    @MethodSource("responses")
    void everyResponseSurvivesARoundTrip(Response response) throws ProtocolException {
        assertEquals(response, Codec.decodeResponse(Codec.encode(response)));
    }

    @Test
    void theTypeTagIsTheRecordsTag() {
        String json = new String(Codec.encode(new Response.ShuttingDown()), StandardCharsets.UTF_8);
        assertEquals("{\"type\":\"shutting-down\"}", json);
        String start = new String(Codec.encode(new Request.Start(List.of("db"), true, 5)), StandardCharsets.UTF_8);
        assertTrue(start.startsWith("{\"type\":\"start\","), start);
    }

    @Test
    void anUnknownTypeIsAProtocolErrorNamingIt() {
        var e = assertThrows(ProtocolException.class, () -> Codec.decodeRequest(utf8("{\"type\":\"explode\"}")));
        assertEquals("unknown request type 'explode'", e.getMessage());
        var r = assertThrows(ProtocolException.class, () -> Codec.decodeResponse(utf8("{\"type\":\"hello\"}")));
        assertEquals("unknown response type 'hello'", r.getMessage());
    }

    /** Service logs are read from .envy/logs by the CLI: no daemon request serves them, and one that asks is refused. */
    @Test
    void aLogsRequestIsUnknown() {
        var e = assertThrows(ProtocolException.class,
                () -> Codec.decodeRequest(utf8("{\"type\":\"logs\",\"names\":[],\"lines\":10}")));
        assertEquals("unknown request type 'logs'", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1,2]", "{\"type\":3}", "{}", "{\"type\":\"start\"", "null"})
    void malformedJsonIsAProtocolError(String text) {
        var e = assertThrows(ProtocolException.class, () -> Codec.decodeRequest(utf8(text)));
        assertTrue(e.getMessage().startsWith("malformed request"), e.getMessage());
    }

    @Test
    void aMissingMemberIsNamed() {
        var e = assertThrows(ProtocolException.class,
                () -> Codec.decodeRequest(utf8("{\"type\":\"start\",\"names\":[],\"await\":true}")));
        assertEquals("start: missing member 'timeoutMillis'", e.getMessage());
    }

    @Test
    void aMemberOfTheWrongTypeIsNamed() {
        var e = assertThrows(ProtocolException.class, () -> Codec.decodeRequest(
                utf8("{\"type\":\"stop\",\"names\":[\"a\",1],\"await\":true}")));
        assertEquals("stop: member 'names' is not an array of strings", e.getMessage());
        var n = assertThrows(ProtocolException.class, () -> Codec.decodeRequest(
                utf8("{\"type\":\"attach\",\"pid\":1.5,\"startTime\":1}")));
        assertEquals("attach: member 'pid' is not a whole number", n.getMessage());
        var i = assertThrows(ProtocolException.class, () -> Codec.decodeRequest(
                utf8("{\"type\":\"hello\",\"protocolVersion\":4294967297,\"clientVersion\":null}")));
        assertEquals("hello: member 'protocolVersion' is not a 32-bit number", i.getMessage());
    }

    @Test
    void aBadServiceViewIsNamedWithItsPlace() {
        var e = assertThrows(ProtocolException.class, () -> Codec.decodeResponse(utf8(
                "{\"type\":\"status\",\"services\":[{\"name\":\"db\"}],\"manifestStale\":false,"
                        + "\"activations\":0,\"hold\":false}")));
        assertEquals("status.services: missing member 'status'", e.getMessage());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

package dev.envy.core.runtime;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DaemonInfoTest {

    @Test
    void daemonJsonRoundTrips() {
        var info = new DaemonInfo(4711, 1_790_000_000_000L, "0.1.0", 1, "/run/user/1000/envy/x-0123456789/daemon.sock");
        assertEquals(Optional.of(info), DaemonInfo.parse(info.toJson()));
    }

    @Test
    void theFormatIsTheDocumentedOne() {
        assertEquals("{\"pid\":1,\"startTime\":2,\"version\":\"0.1.0\",\"protocol\":1,\"socket\":\"/s\"}",
                new DaemonInfo(1, 2, "0.1.0", 1, "/s").toJson());
    }

    @Test
    void anIncompleteOrForeignFileIsEmpty() {
        assertEquals(Optional.empty(), DaemonInfo.parse(""));
        assertEquals(Optional.empty(), DaemonInfo.parse("{\"pid\":1,\"startTi"));
        assertEquals(Optional.empty(), DaemonInfo.parse("{\"pid\":1}"));
        assertEquals(Optional.empty(), DaemonInfo.parse("[]"));
        assertEquals(Optional.empty(), DaemonInfo.parse("{\"pid\":\"x\",\"startTime\":2,\"version\":\"v\","
                + "\"protocol\":1,\"socket\":\"/s\"}"));
    }
}

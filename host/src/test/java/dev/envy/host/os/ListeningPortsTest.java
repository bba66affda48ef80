package dev.envy.host.os;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ST-11 against this machine's /proc: a listening socket is found, with the process that holds it. */
class ListeningPortsTest {

    @Test
    void aListeningSocketIsFoundWithItsHolder() throws Exception {
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = server.getLocalPort();

            ListeningPorts.Holder holder = ListeningPorts.holder(port).orElseThrow();

            assertEquals(ProcessHandle.current().pid(), holder.pid().orElseThrow());
            assertTrue(holder.describe().startsWith("port " + port + " is already in use by pid "
                    + ProcessHandle.current().pid() + " ("), holder.describe());
        }
    }

    @Test
    void aClosedPortHasNoHolder() throws Exception {
        int port;
        try (ServerSocket server = new ServerSocket(0)) {
            port = server.getLocalPort();
        }
        assertTrue(ListeningPorts.holder(port).isEmpty());
    }

    @Test
    void aHiddenHolderIsStillReported() {
        assertEquals("port 80 is already in use", new ListeningPorts.Holder(80, java.util.OptionalLong.empty(),
                java.util.Optional.empty()).describe());
    }
}

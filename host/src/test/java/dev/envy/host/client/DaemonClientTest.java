package dev.envy.host.client;

import dev.envy.core.protocol.Frames;
import dev.envy.core.protocol.Protocol;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonClientTest {

    @TempDir
    Path tmp;

    @Test
    void noSocketFileMeansNoDaemon() throws Exception {
        assertTrue(DaemonClient.connect(tmp.resolve("daemon.sock")).isEmpty());
    }

    @Test
    void aRefusingSocketFileIsStaleMeaningNoDaemon() throws Exception {
        Path socket = tmp.resolve("daemon.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket));
        assertTrue(DaemonClient.connect(socket).isEmpty());
    }

    @Test
    void aDaemonThatSaysNothingHitsTheDeadline() throws Exception {
        Path socket = tmp.resolve("daemon.sock");
        try (ServerSocketChannel mute = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            mute.bind(UnixDomainSocketAddress.of(socket));
            try (DaemonClient client = DaemonClient.connect(socket).orElseThrow()) {
                long start = System.nanoTime();
                var e = assertThrows(DaemonException.class, () -> client.hello(Duration.ofMillis(300)));
                assertEquals("no answer from the daemon within 0.3 s while waiting for the daemon's welcome",
                        e.getMessage());
                assertEquals(3, e.exitCode());
                assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "the deadline ended the wait");
            }
        }
    }

    @Test
    void CS_11_aDaemonRefusingTheHandshakeIsReportedWithItsMessageAndHint() throws Exception {
        Path socket = tmp.resolve("daemon.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread daemon = Thread.ofPlatform().start(() -> {
                try (SocketChannel ch = server.accept()) {
                    Request hello = Frames.readRequest(Channels.newInputStream(ch));
                    Frames.write(Channels.newOutputStream(ch), new Response.Error(3, "envy client speaks protocol "
                            + ((Request.Hello) hello).protocolVersion() + " but the daemon speaks 99",
                            "run `envy down` and try again"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try (DaemonClient client = DaemonClient.connect(socket).orElseThrow()) {
                var e = assertThrows(DaemonException.class, () -> client.hello(Duration.ofSeconds(10)));
                assertEquals("envy client speaks protocol " + dev.envy.core.protocol.Protocol.VERSION
                        + " but the daemon speaks 99", e.getMessage());
                assertEquals("run `envy down` and try again", e.hint());
                assertEquals(3, e.exitCode());
            }
            daemon.join(10_000);
        }
    }

    @Test
    void callBeforeHelloIsAProgrammingError() throws Exception {
        Path socket = tmp.resolve("daemon.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            try (DaemonClient client = DaemonClient.connect(socket).orElseThrow()) {
                assertThrows(IllegalStateException.class, () -> client.call(new Request.Down(), r -> { }));
            }
        }
    }

    @Test
    void commandLineRunsTheDaemonInANewSessionWithSmallFootprintFlags() {
        var command = DaemonJvm.fromEnvyHome(Path.of("/opt/envy"));
        List<String> line = command.commandLine(Path.of("/home/ann/shop"));
        assertEquals("setsid", line.getFirst());
        assertTrue(line.containsAll(DaemonJvm.JVM_FLAGS));
        int cp = line.indexOf("-cp");
        assertEquals("/opt/envy/daemon/target/envy-daemon-0.1.0.jar:/opt/envy/daemon/target/lib/*", line.get(cp + 1));
        assertEquals(List.of("dev.envy.daemon.DaemonMain", "--project", "/home/ann/shop"),
                line.subList(cp + 2, line.size()));
    }
}

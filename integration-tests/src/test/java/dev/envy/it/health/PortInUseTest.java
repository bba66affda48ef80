package dev.envy.it.health;

import dev.envy.it.support.Projects;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ST-11: a port that another process already listens on fails the start instead of answering its readiness check. */
class PortInUseTest {
    @RegisterExtension
    final Projects projects = new Projects();

    @Test
    void ST_11_aPortHeldByAnotherProcessFailsTheStartNamingTheHolder() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Process squatter = new ProcessBuilder("python3", "-c", "import socket, time\n"
                + "s = socket.socket()\ns.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
                + "s.bind(('127.0.0.1', " + port + "))\ns.listen()\nprint('listening', flush=True)\ntime.sleep(300)\n")
                .redirectErrorStream(true).start();
        try {
            String first = new String(squatter.getInputStream().readNBytes("listening".length()));
            assertEquals("listening", first, "the squatter listens");
            TestProject p = projects.withManifest("""
                    version = 1
                    [services.web]
                    command = 'echo "start web" >> "$RECORD"; exec python3 -m http.server %d --bind 127.0.0.1'
                    readiness.http = "http://127.0.0.1:%d/"
                    """.formatted(port, port));

            Run up = p.run("up", "-d");

            assertEquals(1, up.exitCode(), up.toString());
            assertTrue(up.stderr().contains("port " + port + " is already in use by pid " + squatter.pid()
                    + " (python3)"), up.toString());
            assertFalse(up.stdout().contains("web: running"), up.toString());
            assertFalse(Files.exists(p.recordFile()) && p.records().contains("start web"), "web was never spawned");
        } finally {
            squatter.destroyForcibly();
            squatter.waitFor(10, TimeUnit.SECONDS);
        }
    }
}

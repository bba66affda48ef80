package dev.envy.daemon.log;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JulBridgeTest {

    @Test
    void systemLoggerRecordsReachTheDaemonLogInItsFormat(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("daemon.log");
        Logger root = LogManager.getLogManager().getLogger("");
        Handler[] before = root.getHandlers();
        try (DaemonLog log = new DaemonLog(file, 1_000_000, 1, DaemonLog.Format.JSON)) {
            JulBridge.install(log);
            System.getLogger("dev.envy.daemon.server.SocketServer")
                    .log(System.Logger.Level.WARNING, "refused a connection from {0}", "uid 65534");
        } finally {
            for (Handler h : root.getHandlers()) {
                root.removeHandler(h);
            }
            for (Handler h : before) {
                root.addHandler(h);
            }
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.getFirst().matches("\\{\"time\":\"[^\"]+\",\"level\":\"WARN\","
                + "\"message\":\"SocketServer: refused a connection from uid 65534\"}"), lines.getFirst());
    }
}

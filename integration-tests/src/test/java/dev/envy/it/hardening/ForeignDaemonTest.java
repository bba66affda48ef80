package dev.envy.it.hardening;

import dev.envy.core.protocol.Frames;
import dev.envy.core.protocol.Protocol;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.core.runtime.EnvironmentId;
import dev.envy.it.support.Await;
import dev.envy.it.support.Projects;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HD-8: a client trusts neither a runtime directory that another user could have prepared nor a socket whose
 * listener runs as another user, and prints nothing a daemon sends as terminal control.
 */
class ForeignDaemonTest {
    @RegisterExtension
    final Projects projects = new Projects();

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final int NOBODY = 65534;
    private static final String MANIFEST = "version = 1\n[services.db]\ncommand = \"sleep 1000\"\n";

    /** A listener that counts what each client sends, run as {@code nobody}; Java's launcher compiles it. */
    private static final String FAKE = """
            import java.net.*; import java.nio.*; import java.nio.channels.*; import java.nio.file.*;
            public class Fake {
                public static void main(String[] a) throws Exception {
                    var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                    server.bind(UnixDomainSocketAddress.of(Path.of(a[0])));
                    while (true) {
                        try (SocketChannel c = server.accept()) {
                            long n = 0;
                            ByteBuffer b = ByteBuffer.allocate(4096);
                            for (int r; (r = c.read(b)) > 0; b.clear()) {
                                n += r;
                            }
                            Files.writeString(Path.of(a[1]), n + "\\n", StandardOpenOption.CREATE,
                                    StandardOpenOption.APPEND);
                        }
                    }
                }
            }
            """;

    @Test
    void HD_8_aDaemonSocketOfAnotherUserIsRefusedBeforeAByteIsSent() throws Exception {
        TestProject p = projects.withManifest(MANIFEST);
        Path envDir = environmentDir(p);
        Path nobodys = Files.createTempDirectory(Path.of("/tmp"), "envy-it-nobody-");
        Process fake = null;
        try {
            Files.writeString(nobodys.resolve("Fake.java"), FAKE);
            chownTree(nobodys, NOBODY);
            Path received = nobodys.resolve("received");
            fake = new ProcessBuilder("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    nobodys.resolve("Fake.java").toString(), nobodys.resolve("daemon.sock").toString(),
                    received.toString()).redirectErrorStream(true)
                    .redirectOutput(nobodys.resolve("fake.out").toFile()).start();
            Await.until("the other user's listener to bind", DEADLINE,
                    () -> Files.exists(nobodys.resolve("daemon.sock")));
            // planted where this user's daemon would listen (another user did so through a directory it could write)
            Files.move(nobodys.resolve("daemon.sock"), envDir.resolve("daemon.sock"));

            for (String[] command : List.of(new String[]{"services", "status"}, new String[]{"up", "-d"},
                    new String[]{"down"})) {
                Run run = p.run(command);
                assertEquals(3, run.exitCode(), run.toString());
                assertTrue(run.stderr().contains("runs as nobody, not as you (root); nothing was sent to it"),
                        run.toString());
            }
            Await.until("the listener to have seen three connections", DEADLINE,
                    () -> lines(received).size() == 3);
            assertEquals(List.of("0", "0", "0"), lines(received), "not a byte sent to it");
            assertTrue(p.leftovers().isEmpty(), "no daemon started beside it");
        } finally {
            if (fake != null) {
                fake.destroyForcibly().waitFor();
            }
            deleteTree(nobodys);
        }
    }

    @Test
    void HD_8_aRuntimeDirInsideADirectoryOthersCanWriteIsRefused() throws Exception {
        TestProject p = projects.withManifest(MANIFEST);
        Path shared = p.home().resolve("shared");
        Files.createDirectories(shared);
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        p.env("ENVY_RUNTIME_DIR", shared.resolve("run").toString());

        Run up = p.run("up", "-d");
        assertEquals(3, up.exitCode(), up.toString());
        assertTrue(up.stderr().contains("is inside " + shared + ", which others can write to (mode 0777)"),
                up.toString());

        // one made there in advance, with this user's own modes, is not connected to either
        Path base = shared.resolve("run");
        Files.createDirectories(base.resolve(EnvironmentId.of(p.dir().toRealPath())));
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx------"));
        Run status = p.run("services", "status");
        assertEquals(3, status.exitCode(), status.toString());
        assertTrue(status.stderr().contains("which others can write to (mode 0777); not connecting"), status.toString());
    }

    @Test
    void HD_8_controlSequencesADaemonSendsAreNotPrinted() throws Exception {
        TestProject p = projects.withManifest(MANIFEST);
        Path socket = environmentDir(p).resolve("daemon.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread daemon = Thread.ofPlatform().daemon(true).start(() -> answerOnce(server));
            Run status = p.run("services", "status");
            daemon.join(DEADLINE);
            assertEquals(1, status.exitCode(), status.toString());
            String all = status.stdout() + status.stderr();
            assertTrue(all.contains("forged message"), status.toString());
            assertTrue(all.contains("hint in red"), status.toString());
            for (char c : new char[]{'\u001b', '\u0007', '\u009b', '\r'}) {
                assertFalse(all.indexOf(c) >= 0, "no U+" + Integer.toHexString(c) + " printed: " + status);
            }
        }
    }

    /** The handshake, then an error full of terminal controls for whatever is asked. */
    private static void answerOnce(ServerSocketChannel server) {
        try (SocketChannel c = server.accept()) {
            InputStream in = Channels.newInputStream(c);
            OutputStream out = Channels.newOutputStream(c);
            Frames.readRequest(in);
            Frames.write(out, new Response.Welcome(Protocol.VERSION, Protocol.RELEASE, 1));
            Request request = Frames.readRequest(in);
            Frames.write(out, new Response.Error(1, "forged \u001b]0;owned\u0007\u001b[2Jmes\rsage to "
                    + request.tag(), "hint \u009b31min red\u001b[0m"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The environment's runtime directory, made as envy makes it (0700, this user's). */
    private static Path environmentDir(TestProject p) throws IOException {
        Path dir = p.runtimeDir().resolve(EnvironmentId.of(p.dir().toRealPath()));
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void chownTree(Path root, int uid) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.setAttribute(f, "unix:uid", uid);
                Files.setAttribute(f, "unix:gid", uid);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}

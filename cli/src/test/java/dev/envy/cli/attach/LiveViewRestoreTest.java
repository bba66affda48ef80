package dev.envy.cli.attach;

import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.core.protocol.ServiceView;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TV-2: a failure inside the view still gives the terminal back: its modes, the normal screen, the cursor. */
class LiveViewRestoreTest {

    @TempDir
    Path project;

    @Test
    void TV_2_anExceptionInTheViewRestoresTheTerminal() throws Exception {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        Terminal terminal = TerminalBuilder.builder().streams(new ByteArrayInputStream(new byte[0]), written)
                .type("xterm-256color").size(new Size(80, 24)).build();
        Attributes before = new Attributes(terminal.getAttributes());
        DaemonPort broken = new DaemonPort() {
            @Override
            public String watch(Consumer<Response.StatusReport> onReport) {
                // a service without a name: the model fails on it, as any bug in the view would
                onReport.accept(new Response.StatusReport(List.of(new ServiceView(null, "running", true, 1, 0, 0, 0,
                        -1, null, null)), false, 1, false));
                return "done";
            }

            @Override
            public Response send(Request request) {
                throw new AssertionError("nothing is sent");
            }

            @Override
            public java.util.Map<String, Long> orphans() {
                return java.util.Map.of();
            }
        };
        Files.writeString(project.resolve("envy.toml"), "version = 1\n");
        LiveViewModel model = new LiveViewModel("p", false, new Styles(true, true), InstantSource.system().instant());
        LiveView view = new LiveView(model, new TerminalScreen(terminal), broken, project.resolve(".envy/logs"),
                project.resolve("envy.toml"), InstantSource.system());

        assertThrows(RuntimeException.class, view::run);

        // jline copies what is written to the terminal's pty into `written` on a thread of its own
        String out = awaitOutput(written, o -> o.lastIndexOf("\u001b[?1049l") > o.lastIndexOf("\u001b[?1049h")
                && o.lastIndexOf("25h") > o.lastIndexOf("\u001b[?25l"));
        assertTrue(out.contains("\u001b[?1049h"), "it took the alternate screen");
        assertTrue(out.lastIndexOf("\u001b[?1049l") > out.lastIndexOf("\u001b[?1049h"), "and left it: " + visible(out));
        assertTrue(out.lastIndexOf("25h") > out.lastIndexOf("\u001b[?25l"), "the cursor is shown again (cnorm): "
                + visible(out));
        assertTrue(terminal.getAttributes().getLocalFlag(Attributes.LocalFlag.ICANON)
                && terminal.getAttributes().getLocalFlag(Attributes.LocalFlag.ECHO)
                && terminal.getAttributes().getLocalFlag(Attributes.LocalFlag.ISIG), "the modes are back");
        assertTrue(before.getLocalFlag(Attributes.LocalFlag.ICANON), "as they were");
        terminal.close();
    }

    /** What has been written once {@code done} holds of it, or after 10 s whatever has been. */
    private static String awaitOutput(ByteArrayOutputStream written, Predicate<String> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String out = written.toString(StandardCharsets.UTF_8);
        while (!done.test(out) && System.nanoTime() < deadline) {
            Thread.sleep(10); // polling a condition, with a deadline
            out = written.toString(StandardCharsets.UTF_8);
        }
        return out;
    }

    private static String visible(String out) {
        return out.replace("\u001b", "ESC");
    }
}

package dev.envy.cli.up;

import dev.envy.core.protocol.Response;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live start view rewrites its lines in place: cursor up over what it drew, each line cleared and redrawn. */
class LiveStartViewTest {

    @Test
    void aStateChangeRedrawsEveryServiceLineInPlace() {
        StringWriter out = new StringWriter();
        LiveStartView view = new LiveStartView(new PrintWriter(out), false);

        view.progress(new Response.Progress("db", "starting", null));
        view.progress(new Response.Progress("web", "waiting", "for db"));
        String before = out.toString();
        view.progress(new Response.Progress("db", "ready", null));

        String last = out.toString().substring(before.length());
        assertEquals("\u001b[2A\r\u001b[2K● db   ready\n\r\u001b[2K○ web  waiting (for db)\n", last);
        assertTrue(before.startsWith("\r\u001b[2K○ db  starting\n\u001b[1A"), before);
    }

    @Test
    void coloursTheStateWhenAsked() {
        StringWriter out = new StringWriter();
        new LiveStartView(new PrintWriter(out), true).progress(new Response.Progress("db", "failed", "exit code 3"));

        assertTrue(out.toString().contains("\u001b[31m"), "failed is red: " + out);
        assertTrue(out.toString().contains("✗ db  failed"), out.toString());
    }
}

package dev.envy.cli.up;

import dev.envy.core.protocol.Response;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live start view rewrites its lines in place: cursor up over what it drew, each line cleared and redrawn. */
class LiveStartViewTest {
    private Instant now = Instant.parse("2026-12-07T18:00:00Z");
    private final InstantSource clock = () -> now;

    @Test
    void aStateChangeRedrawsEveryServiceLineInPlace() {
        StringWriter out = new StringWriter();
        LiveStartView view = new LiveStartView(new PrintWriter(out), false, clock);

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
        new LiveStartView(new PrintWriter(out), true, clock)
                .progress(new Response.Progress("db", "failed", "exit code 3"));

        assertTrue(out.toString().contains("\u001b[31m"), "failed is red: " + out);
        assertTrue(out.toString().contains("✗ db  failed"), out.toString());
    }

    @Test
    void aWaitShowsHowLongItHasLastedEachTick() {
        StringWriter out = new StringWriter();
        LiveStartView view = new LiveStartView(new PrintWriter(out), false, clock);
        view.progress(new Response.Progress("api", "starting", "waiting up to 1m for `true` to succeed"));
        now = now.plusSeconds(12);
        String before = out.toString();

        assertTrue(view.tick());

        assertEquals("\u001b[1A\r\u001b[2K○ api  starting 12s (waiting up to 1m for `true` to succeed)\n",
                out.toString().substring(before.length()));
        now = now.plusSeconds(63);
        view.tick();
        assertTrue(out.toString().endsWith("○ api  starting 1m15s (waiting up to 1m for `true` to succeed)\n"), out.toString());
    }

    @Test
    void nothingIsRedrawnByATickWhenNothingWaits() {
        StringWriter out = new StringWriter();
        LiveStartView view = new LiveStartView(new PrintWriter(out), false, clock);
        view.progress(new Response.Progress("db", "running", null));
        String before = out.toString();
        now = now.plusSeconds(5);

        view.tick();

        assertEquals(before, out.toString());
    }

    @Test
    void afterFinishNothingMoreIsDrawnAndTheTickingStops() {
        StringWriter out = new StringWriter();
        LiveStartView view = new LiveStartView(new PrintWriter(out), false, clock);
        view.progress(new Response.Progress("db", "starting", null));
        view.finish();
        String before = out.toString();

        view.progress(new Response.Progress("db", "stopping", null));

        assertFalse(view.tick());
        assertEquals(before, out.toString(), "a stop after Ctrl-C is reported below the view, not drawn into it");
    }

    @Test
    void plainLinesSayEveryTenSecondsThatAServiceIsStillStarting() {
        StringWriter out = new StringWriter();
        PlainStartView view = new PlainStartView(new PrintWriter(out), clock);
        view.progress(new Response.Progress("api", "starting", "waiting up to 1m for `true` to succeed"));
        view.progress(new Response.Progress("web", "waiting", "for api (ready)"));
        for (int s = 1; s <= 25; s++) {
            now = now.plus(Duration.ofSeconds(1));
            view.tick();
        }
        view.progress(new Response.Progress("api", "running", "ready"));
        now = now.plusSeconds(30);
        view.tick();

        assertEquals("""
                api: starting (waiting up to 1m for `true` to succeed)
                web: waiting (for api (ready))
                api: still starting (10s)
                api: still starting (20s)
                api: running (ready)
                """, out.toString());
    }
}

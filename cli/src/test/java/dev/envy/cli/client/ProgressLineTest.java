package dev.envy.cli.client;

import dev.envy.core.protocol.Response;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A state change reads once: the detail in brackets, unless it only says the state again. */
class ProgressLineTest {

    @Test
    void aDetailThatRepeatsTheStateIsNotSaidTwice() {
        assertEquals("db: stopped by SIGINT", ProgressLine.of(new Response.Progress("db", "stopped", "stopped by SIGINT")));
    }

    @Test
    void anyOtherDetailIsInBrackets() {
        assertEquals("web: failed (exit code 3)", ProgressLine.of(new Response.Progress("web", "failed", "exit code 3")));
        assertEquals("web: stopped (stoppedish)", ProgressLine.of(new Response.Progress("web", "stopped", "stoppedish")));
    }

    @Test
    void noDetailNoBrackets() {
        assertEquals("db: ready", ProgressLine.of(new Response.Progress("db", "ready", "")));
        assertEquals("db: ready", ProgressLine.of(new Response.Progress("db", "ready", null)));
    }
}

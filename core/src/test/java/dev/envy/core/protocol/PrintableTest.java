package dev.envy.core.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** HD-8: a clean answer passes through unchanged, every field of it; only terminal controls go. */
class PrintableTest {

    private static final ServiceView VIEW = new ServiceView("web", "running", true, 42, 1, 2, 3, 0, "TERM",
            "a message", "READY to serve", Map.of("http", 8080, "admin", 9090));

    @Test
    void everyFieldOfACleanAnswerIsKept() {
        List<Response> answers = List.of(
                new Response.Welcome(2, "0.1.0", 7),
                new Response.Progress("web", "starting", "waiting for db"),
                new Response.Result(1, List.of("note"), List.of("error"), List.of(VIEW),
                        List.of(new Response.LogTail("web", List.of("line 1", "line 2")))),
                new Response.StatusReport(List.of(VIEW), true, 2, true),
                new Response.StatusChanged(new Response.StatusReport(List.of(VIEW), false, 1, false)),
                new Response.Error(2, "message", "hint"),
                new Response.ShuttingDown());
        for (Response answer : answers) {
            assertEquals(answer, Printable.of(answer));
        }
    }

    @Test
    void controlsGoFromEveryString() {
        ServiceView dirty = new ServiceView("w\u001b[2Jeb", "running", true, 42, 1, 2, 3, 0, null, null,
                "READY\u0007", Map.of("h\u001b]0;x\u0007ttp", 8080));
        Response.StatusReport report = (Response.StatusReport) Printable.of(
                new Response.StatusReport(List.of(dirty), false, 0, false));
        assertEquals(new ServiceView("web", "running", true, 42, 1, 2, 3, 0, null, null, "READY",
                Map.of("http", 8080)), report.services().getFirst());
        Response.StatusChanged changed = (Response.StatusChanged) Printable.of(
                new Response.StatusChanged(new Response.StatusReport(List.of(dirty), false, 0, false)));
        assertEquals(report, changed.report());
    }
}

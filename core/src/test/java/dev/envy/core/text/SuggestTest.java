package dev.envy.core.text;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SuggestTest {
    static final List<String> SERVICE_KEYS = List.of("command", "vars", "working-dir", "depends-on", "readiness",
            "restart", "restart-delay", "max-restarts", "stop-signal", "stop-timeout", "shutdown", "is-daemon",
            "autostart", "systems");

    @Test
    void typoSuggestsTheClosestKey() {
        assertEquals(Optional.of("depends-on"), Suggest.closest("depend-on", SERVICE_KEYS));
        assertEquals(Optional.of("command"), Suggest.closest("comand", SERVICE_KEYS));
        assertEquals(Optional.of("depends-on"), Suggest.closest("depends_on", SERVICE_KEYS));
        assertEquals(Optional.of("autostart"), Suggest.closest("auto-start", SERVICE_KEYS));
    }

    @Test
    void caseDifferenceIsSuggested() {
        assertEquals(Optional.of("command"), Suggest.closest("Command", SERVICE_KEYS));
    }

    @Test
    void transpositionCountsAsOneEdit() {
        assertEquals(1, Suggest.distance("term", "trem"));
        assertEquals(Optional.of("TERM"), Suggest.closest("TREM", List.of("TERM", "INT", "HUP")));
    }

    @Test
    void farAwayWordsSuggestNothing() {
        assertEquals(Optional.empty(), Suggest.closest("banana", SERVICE_KEYS));
        assertEquals(Optional.empty(), Suggest.closest("zz", List.of("a", "db")));
        assertEquals(Optional.empty(), Suggest.closest("x", List.of("y")));
    }

    @Test
    void theWordItselfIsNeverSuggested() {
        assertEquals(Optional.empty(), Suggest.closest("vars", List.of("vars")));
    }

    @Test
    void tiesGoToTheAlphabeticallyFirstCandidate() {
        assertEquals(Optional.of("ab"), Suggest.closest("abc", List.of("bc", "ab")));
        assertEquals(Optional.of("db1"), Suggest.closest("db", List.of("db2", "db1")));
    }

    @Test
    void hintIsWorded() {
        assertEquals(Optional.of("did you mean 'ready'?"), Suggest.hint("redy", List.of("started", "ready", "completed")));
    }
}

package dev.envy.cli;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DisplayTest {
    @Test
    void colourAndLiveViewsOnlyOnACapableTerminal() {
        assertEquals(new Display(true, true), Display.of(Map.of("TERM", "xterm-256color"), true));
        assertEquals(new Display(true, false), Display.of(Map.of("TERM", "xterm", "NO_COLOR", "1"), true));
        assertEquals(new Display(true, true), Display.of(Map.of("TERM", "xterm", "NO_COLOR", ""), true),
                "NO_COLOR counts when it is not empty");
        assertEquals(Display.PLAIN, Display.of(Map.of("TERM", "dumb"), true));
        assertEquals(Display.PLAIN, Display.of(Map.of(), true));
        assertEquals(Display.PLAIN, Display.of(Map.of("TERM", "xterm"), false));
    }
}

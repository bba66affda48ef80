package dev.envy.cli.export;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UnitSyntaxTest {

    @Test
    void aCommandLineKeepsPlainWordsAndQuotesTheRestForSystemd() {
        assertEquals("/bin/bash -c 'exec python3 -m http.server $$PORT'",
                UnitSyntax.commandLine(List.of("/bin/bash", "-c", "exec python3 -m http.server $PORT")));
        assertEquals("'it\\'s 100%% \\\\ done\\n\\tnext\\x01'", UnitSyntax.word("it's 100% \\ done\n\tnext\u0001"));
    }

    @Test
    void anEnvironmentLineEscapesWhatSystemdWouldReadOtherwise() {
        assertEquals("A=\"say \\\"hi\\\" to \\$USER, \\`x\\` and \\\\ 100%\nnext line\"",
                UnitSyntax.environmentLine("A", "say \"hi\" to $USER, `x` and \\ 100%\nnext line"));
    }

    @Test
    void timeSpansAndSecondsAreWhatSystemdAndSleepRead() {
        assertEquals("5s", UnitSyntax.span(Duration.ofSeconds(5)));
        assertEquals("500ms", UnitSyntax.span(Duration.ofMillis(500)));
        assertEquals("2min", UnitSyntax.span(Duration.ofMinutes(2)));
        assertEquals("1500ms", UnitSyntax.span(Duration.ofMillis(1500)));
        assertEquals("0.5", UnitSyntax.seconds(Duration.ofMillis(500)));
        assertEquals("0.25", UnitSyntax.seconds(Duration.ofMillis(250)));
        assertEquals("20", UnitSyntax.seconds(Duration.ofSeconds(20)));
    }

    @Test
    void aBashWordReadsBackAsItself() throws Exception {
        for (String w : List.of("plain", "", "it's", "a b", "$HOME", "\"q\"", "back\\slash", "new\nline")) {
            assertEquals(w + "|", EreTest.bash("printf '%s|' " + UnitSyntax.bash(w)), "word " + w);
        }
    }
}

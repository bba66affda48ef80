package dev.envy.core.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class TerminalTextTest {

    @Test
    void plainTextIsKeptAsItIs() {
        String text = "db: started (pid 42)\n\tnext line, ünïcödé, 日本語";
        assertSame(text, TerminalText.printable(text));
    }

    @Test
    void csiSequencesGo() {
        assertEquals("red plain", TerminalText.printable("\u001b[31;1mred\u001b[0m plain"));
        assertEquals("cleared", TerminalText.printable("\u001b[2J\u001b[Hcleared"));
        assertEquals("c1 csi", TerminalText.printable("c1\u009b31m csi"));
    }

    @Test
    void oscAndOtherStringsGoUpToTheirEnd() {
        assertEquals("title set", TerminalText.printable("title\u001b]0;owned\u0007 set"));
        assertEquals("clipboard", TerminalText.printable("clip\u001b]52;c;ZXZpbA==\u001b\\board"));
        assertEquals("dcs", TerminalText.printable("d\u001bPq#0;2;0;0;0\u001b\\cs"));
        assertEquals("cut", TerminalText.printable("cut\u001b]0;never ended"));
    }

    @Test
    void otherControlsGoButNewlineAndTab() {
        assertEquals("abc\nd\te", TerminalText.printable("a\rb\u0008c\u0007\nd\te\u007f\u0085"));
        assertEquals("two-char", TerminalText.printable("two\u001bc-\u001b(Bchar"));
        assertEquals("end", TerminalText.printable("end\u001b"));
        assertEquals("x\ny", TerminalText.printable("x\u001b[\ny"));
    }

    @Test
    void nullStaysNull() {
        assertEquals(null, TerminalText.printable(null));
    }
}

package dev.envy.core.text;

/**
 * HD-8: text from another process made safe to print on a terminal. Escape sequences (CSI such as colours or cursor
 * moves, OSC such as a window title or a clipboard write, and the two-character ones), the other C0 controls but
 * newline and tab, DEL and the C1 controls (U+0080–U+009F, which some terminals read as escape sequences) are
 * removed; everything else, any language's letters included, is kept.
 */
public final class TerminalText {

    private static final char ESC = '\u001b';
    private static final char BEL = '\u0007';

    private TerminalText() {
    }

    public static String printable(String text) {
        if (text == null || clean(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == ESC) {
                i = afterEscape(text, i + 1);
            } else if (c == '\u009b') { // C1 CSI
                i = afterCsi(text, i + 1);
            } else if (c == '\u009d' || c == '\u0090' || c == '\u009e' || c == '\u009f') { // C1 OSC, DCS, PM, APC
                i = afterString(text, i + 1);
            } else {
                if (!control(c)) {
                    out.append(c);
                }
                i++;
            }
        }
        return out.toString();
    }

    private static boolean clean(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (control(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean control(char c) {
        return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f);
    }

    /** Where the text goes on after an ESC at {@code i - 1}. */
    private static int afterEscape(String text, int i) {
        if (i >= text.length()) {
            return i;
        }
        char c = text.charAt(i);
        return switch (c) {
            case '[' -> afterCsi(text, i + 1);
            case ']', 'P', 'X', '^', '_' -> afterString(text, i + 1);
            default -> {
                // ESC, intermediates (0x20–0x2f), one final byte
                int j = i;
                while (j < text.length() && text.charAt(j) >= 0x20 && text.charAt(j) <= 0x2f) {
                    j++;
                }
                yield afterFinal(text, j);
            }
        };
    }

    /** After a control sequence's parameters and intermediates (0x20–0x3f) and its final byte (0x40–0x7e). */
    private static int afterCsi(String text, int i) {
        int j = i;
        while (j < text.length() && text.charAt(j) >= 0x20 && text.charAt(j) <= 0x3f) {
            j++;
        }
        return afterFinal(text, j);
    }

    /** Past the final byte at {@code j} (0x30–0x7e); a sequence cut short by anything else ends before it. */
    private static int afterFinal(String text, int j) {
        return j < text.length() && text.charAt(j) >= 0x30 && text.charAt(j) <= 0x7e ? j + 1 : j;
    }

    /** After a string (OSC, DCS…) ended by BEL, ST ({@code ESC \}) or C1 ST, or at the end of the text. */
    private static int afterString(String text, int i) {
        for (int j = i; j < text.length(); j++) {
            char c = text.charAt(j);
            if (c == BEL || c == '\u009c') {
                return j + 1;
            }
            if (c == ESC) {
                return j + 1 < text.length() && text.charAt(j + 1) == '\\' ? j + 2 : j + 1;
            }
        }
        return text.length();
    }
}

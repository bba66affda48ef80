package dev.envy.cli.attach;

/**
 * Makes a service's output safe to draw inside the view: a line may carry colours (kept), but also cursor moves,
 * screen clears, titles, carriage returns or bells, which would wreck the screen (dropped). Tabs become spaces to the
 * next multiple of 8 columns.
 */
final class LogText {
    private static final char ESC = '\u001b';

    private LogText() {
    }

    /** The line with only SGR (colour) sequences left, and no tab. */
    static String sanitize(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        int column = 0;
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == ESC) {
                int end = escapeEnd(raw, i);
                if (end > i + 2 && raw.charAt(i + 1) == '[' && raw.charAt(end - 1) == 'm') {
                    out.append(raw, i, end);
                }
                i = end;
            } else if (c == '\t') {
                int spaces = 8 - column % 8;
                out.append(" ".repeat(spaces));
                column += spaces;
                i++;
            } else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                i++;
            } else {
                out.append(c);
                column++;
                i++;
            }
        }
        return out.toString();
    }

    /** A sanitized line without its colour sequences. */
    static String plain(String sanitized) {
        if (sanitized.indexOf(ESC) < 0) {
            return sanitized;
        }
        StringBuilder out = new StringBuilder(sanitized.length());
        int i = 0;
        while (i < sanitized.length()) {
            char c = sanitized.charAt(i);
            if (c == ESC) {
                i = escapeEnd(sanitized, i);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Where the escape sequence starting at {@code at} ends (exclusive): CSI, OSC/DCS strings, or ESC + one char. */
    private static int escapeEnd(String s, int at) {
        if (at + 1 >= s.length()) {
            return s.length();
        }
        char kind = s.charAt(at + 1);
        if (kind == '[') {
            int i = at + 2;
            while (i < s.length() && s.charAt(i) >= 0x20 && s.charAt(i) <= 0x3f) {
                i++; // parameters and intermediates
            }
            return Math.min(s.length(), i + 1); // the final byte
        }
        if (kind == ']' || kind == 'P' || kind == '_' || kind == '^') {
            for (int i = at + 2; i < s.length(); i++) {
                if (s.charAt(i) == '\u0007') {
                    return i + 1;
                }
                if (s.charAt(i) == ESC && i + 1 < s.length() && s.charAt(i + 1) == '\\') {
                    return i + 2;
                }
            }
            return s.length();
        }
        return at + 2;
    }
}

package dev.envy.cli.export;

import java.util.HexFormat;

/**
 * A {@code readiness.log} pattern (a Java regex, matched anywhere in an output line) as the POSIX extended regular
 * expression bash's {@code [[ LINE =~ RE ]]} matches with the C library: the same lines match. Most patterns are
 * the same text in both; {@code \d} becomes {@code [0-9]}, {@code (?:…)} and named groups become plain groups, and a
 * lazy quantifier becomes a greedy one (only whether a line matches counts). What ERE has no way to say
 * (look-around, back-references, possessive quantifiers, inline flags, class intersections, {@code \p{…}}) is
 * reported instead.
 */
sealed interface Ere {

    /** The translated expression. */
    record Translated(String pattern) implements Ere {
    }

    /** The construct (as written) that ERE cannot express. */
    record Untranslatable(String construct) implements Ere {
    }

    static Ere of(String java) {
        return new Translation(java).run();
    }

    /** One left-to-right pass over the Java pattern. */
    final class Translation {
        private static final String ERE_SPECIAL = ".[]()*+?{}|^$\\";
        private final String in;
        private final StringBuilder out = new StringBuilder();
        private int i;

        Translation(String in) {
            this.in = in;
        }

        Ere run() {
            try {
                while (i < in.length()) {
                    char c = in.charAt(i);
                    switch (c) {
                        case '\\' -> escape();
                        case '[' -> bracket();
                        case '(' -> group();
                        case '*', '+', '?', '}' -> quantifier(c);
                        default -> {
                            out.append(c);
                            i++;
                        }
                    }
                }
                return new Translated(out.toString());
            } catch (Unsupported e) {
                return new Untranslatable(e.getMessage());
            }
        }

        private void quantifier(char c) {
            out.append(c);
            i++;
            if (i < in.length() && in.charAt(i) == '?') {
                i++; // lazy: the same lines match
            } else if (i < in.length() && in.charAt(i) == '+') {
                throw new Unsupported(c + "+");
            }
        }

        private void group() {
            if (in.startsWith("(?:", i)) {
                out.append('(');
                i += 3;
            } else if (in.startsWith("(?<", i) && i + 3 < in.length() && Character.isLetter(in.charAt(i + 3))) {
                int end = in.indexOf('>', i);
                if (end < 0) {
                    throw new Unsupported(in.substring(i));
                }
                out.append('(');
                i = end + 1;
            } else if (in.startsWith("(?", i)) {
                int end = Math.min(in.length(), i + 4);
                throw new Unsupported(in.substring(i, end));
            } else {
                out.append('(');
                i++;
            }
        }

        private void escape() {
            if (i + 1 >= in.length()) {
                throw new Unsupported("\\");
            }
            char e = in.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'd' -> out.append("[0-9]");
                case 'D' -> out.append("[^0-9]");
                case 'w', 'W', 's', 'S', 'b', 'B' -> out.append('\\').append(e);
                case 't' -> out.append('\t');
                case 'Q' -> {
                    int end = in.indexOf("\\E", i);
                    String quoted = end < 0 ? in.substring(i) : in.substring(i, end);
                    quoted.chars().forEach(q -> literal((char) q));
                    i = end < 0 ? in.length() : end + 2;
                }
                case 'x' -> literal(hex(2));
                case 'u' -> literal(hex(4));
                default -> {
                    if (Character.isLetterOrDigit(e)) {
                        throw new Unsupported("\\" + e);
                    }
                    literal(e);
                }
            }
        }

        private char hex(int digits) {
            if (i + digits > in.length()) {
                throw new Unsupported(in.substring(i - 2));
            }
            String h = in.substring(i, i + digits);
            i += digits;
            try {
                return (char) HexFormat.fromHexDigits(h);
            } catch (IllegalArgumentException e) {
                throw new Unsupported("\\" + (digits == 2 ? "x" : "u") + h);
            }
        }

        private void literal(char c) {
            if (ERE_SPECIAL.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }

        /** A character class, copied with its escapes made literal (a backslash is literal inside an ERE bracket). */
        private void bracket() {
            int start = i;
            out.append('[');
            i++;
            if (i < in.length() && in.charAt(i) == '^') {
                out.append('^');
                i++;
            }
            boolean first = true;
            while (i < in.length()) {
                char c = in.charAt(i);
                if (c == ']' && !first) {
                    out.append(']');
                    i++;
                    return;
                }
                first = false;
                if (c == '[' || in.startsWith("&&", i)) {
                    throw new Unsupported(in.substring(start, Math.min(in.length(), i + 2)));
                }
                if (c == '\\' && i + 1 < in.length()) {
                    char e = in.charAt(i + 1);
                    i += 2;
                    switch (e) {
                        case 'd' -> out.append("0-9");
                        case 'w' -> out.append("[:alnum:]_");
                        case 's' -> out.append("[:space:]");
                        case 't' -> out.append('\t');
                        case '\\' -> out.append('\\');
                        default -> {
                            if (Character.isLetterOrDigit(e) || e == ']' || e == '[' || e == '^' || e == '-') {
                                throw new Unsupported("[\\" + e);
                            }
                            out.append(e);
                        }
                    }
                    continue;
                }
                out.append(c);
                i++;
            }
            throw new Unsupported(in.substring(start));
        }
    }

    /** Thrown inside a translation at the first construct ERE lacks. */
    final class Unsupported extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unsupported(String construct) {
            super(construct, null, false, false);
        }
    }
}

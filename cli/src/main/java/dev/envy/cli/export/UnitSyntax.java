package dev.envy.cli.export;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How values are written into systemd's files so that systemd reads back exactly what was meant: command lines
 * (quoting, C escapes, {@code $$} and {@code %%}), paths ({@code %%}), environment files (double quotes with
 * backslash escapes) and time spans. And how bash words are quoted, for the scripts those command lines run.
 */
final class UnitSyntax {
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:=+,@-]+");

    private UnitSyntax() {
    }

    /**
     * A command line for {@code ExecStart=} and its kin: each word as systemd's parser reads it back. A word with
     * anything but letters, digits and {@code _./:=+,@-} is single-quoted with C escapes for backslash, quote and
     * control characters; {@code $} is doubled (no variable expansion by systemd: bash does that) and so is {@code %}
     * (no specifiers).
     */
    static String commandLine(List<String> argv) {
        return argv.stream().map(UnitSyntax::word).collect(Collectors.joining(" "));
    }

    static String word(String w) {
        if (PLAIN_WORD.matcher(w).matches()) {
            return w;
        }
        StringBuilder b = new StringBuilder(w.length() + 8).append('\'');
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\'' -> b.append("\\'");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                case '$' -> b.append("$$");
                case '%' -> b.append("%%");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('\'').toString();
    }

    /** A path for {@code WorkingDirectory=}, {@code EnvironmentFile=}, {@code StandardOutput=append:}: {@code %} doubled. */
    static String path(String path) {
        return path.replace("%", "%%");
    }

    /**
     * One {@code NAME="VALUE"} line of an {@code EnvironmentFile=}: inside double quotes systemd takes a backslash
     * before {@code " \ ` $} as that character and keeps newlines as they are.
     */
    static String environmentLine(String name, String value) {
        StringBuilder b = new StringBuilder(name.length() + value.length() + 4).append(name).append("=\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == '`' || c == '$') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }

    /** A time span systemd reads: {@code 5s}, {@code 500ms}, {@code 2min}. */
    static String span(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "min";
        }
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }

    /** Seconds with up to three decimals, for {@code sleep} and {@code timeout}: {@code 0.5}, {@code 20}. */
    static String seconds(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 == 0) {
            return Long.toString(ms / 1000);
        }
        String s = String.format(Locale.ROOT, "%d.%03d", ms / 1000, ms % 1000);
        return s.replaceAll("0+$", "");
    }

    /** {@code word} as one bash word: bare when it is plain, else single-quoted. */
    static String bash(String word) {
        if (!word.isEmpty() && PLAIN_WORD.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}

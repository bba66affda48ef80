package dev.envy.core.runtime;

import java.util.List;

/**
 * The fields of a Linux {@code /proc/PID/stat} line, read by the CLI (activations) and the daemon (process trees).
 * The command name, field 2, is in parentheses and may itself hold spaces and parentheses, so the fields after it are
 * found from the last {@code ')'}.
 */
public final class StatLine {
    private StatLine() {
    }

    /**
     * Fields 3 (the state) onwards: field {@code n} is at index {@code n - 3}. Empty when the line has no command name
     * in parentheses or nothing after it.
     */
    public static List<String> fieldsAfterName(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open || close + 2 > line.length()) {
            return List.of();
        }
        String rest = line.substring(close + 1).strip();
        return rest.isEmpty() ? List.of() : List.of(rest.split(" +"));
    }
}

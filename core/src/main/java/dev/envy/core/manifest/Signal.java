package dev.envy.core.manifest;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A POSIX signal by Linux number and name. {@code INT}, {@code SIGINT} and {@code 2} all parse to the same signal.
 */
public record Signal(int number, String name) {

    private static final Map<String, Integer> BY_NAME = new TreeMap<>();
    private static final Map<Integer, String> BY_NUMBER = new TreeMap<>();

    static {
        String[] names = {null, "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV",
                "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG",
                "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS"};
        for (int i = 1; i < names.length; i++) {
            BY_NAME.put(names[i], i);
            BY_NUMBER.put(i, names[i]);
        }
    }

    public static final Signal HUP = new Signal(1, "HUP");
    public static final Signal INT = new Signal(2, "INT");
    public static final Signal KILL = new Signal(9, "KILL");
    public static final Signal TERM = new Signal(15, "TERM");

    /** The conventional name with its prefix: {@code SIGTERM}. */
    public String fullName() {
        return "SIG" + name;
    }

    public static Optional<Signal> ofNumber(int number) {
        String name = BY_NUMBER.get(number);
        if (name != null) {
            return Optional.of(new Signal(number, name));
        }
        if (number >= 34 && number <= 64) {
            return Optional.of(new Signal(number, "RT" + (number - 34)));
        }
        return Optional.empty();
    }

    /** Parses {@code TERM}, {@code SIGTERM}, {@code term} or {@code 15}. */
    public static Optional<Signal> parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (Sizes.allDigits(t)) {
            try {
                return ofNumber(Integer.parseInt(t));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        String upper = t.toUpperCase(Locale.ROOT);
        if (upper.startsWith("SIG")) {
            upper = upper.substring(3);
        }
        Integer n = BY_NAME.get(upper);
        return n == null ? Optional.empty() : Optional.of(new Signal(n, upper));
    }

    /** Every known name, for did-you-mean hints. */
    public static java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(BY_NAME.keySet());
    }
}

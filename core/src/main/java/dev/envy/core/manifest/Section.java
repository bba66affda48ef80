package dev.envy.core.manifest;

import dev.envy.core.text.Suggest;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A typed view of one TOML table that reports what is wrong with it: unknown keys (with a did-you-mean), wrong
 * types, bad durations. Keys are looked up as single keys, never re-parsed as dotted paths, so a quoted
 * {@code "my.service"} stays one key.
 *
 * @param scope  where the table is, for messages: {@code service 'web'}, {@code [options]}, or empty at top level
 * @param prefix the table's key path within its scope, e.g. {@code readiness.}, so messages say
 *               {@code 'readiness.interval'}
 */
record Section(TomlTable table, String scope, String prefix, Problems problems) {

    Section child(TomlTable child, String key) {
        return new Section(child, scope, prefix + key + ".", problems);
    }

    boolean has(String key) {
        return table.get(List.of(key)) != null;
    }

    Object raw(String key) {
        return table.get(List.of(key));
    }

    TomlPosition position(String key) {
        return table.inputPositionOf(List.of(key));
    }

    /** {@code 'readiness.interval' in service 'web'}. */
    String label(String key) {
        return "'" + prefix + key + "'" + (scope.isEmpty() ? "" : " in " + scope);
    }

    /**
     * Reports every key not in {@code known}; {@code aliases} maps common other spellings to the right key.
     * Returns how many were unknown.
     */
    int checkKeys(Set<String> known, Map<String, String> aliases) {
        int unknown = 0;
        for (String key : table.keySet()) {
            if (!known.contains(key)) {
                Optional<String> hint = Optional.ofNullable(aliases.get(key)).map(k -> Suggest.didYouMean(prefix + k))
                        .or(() -> Suggest.closest(key, known).map(k -> Suggest.didYouMean(prefix + k)));
                String where = scope.isEmpty() ? "" : " in " + scope;
                problems.add(position(key), "unknown key '" + prefix + key + "'" + where, hint);
                unknown++;
            }
        }
        return unknown;
    }

    void wrongType(String key, String expected, Object actual, Optional<String> hint) {
        problems.add(position(key), label(key) + " must be " + expected + ", not " + typeOf(actual), hint);
    }

    void invalid(String key, String message, Optional<String> hint) {
        problems.add(position(key), label(key) + " " + message, hint);
    }

    Optional<String> string(String key) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String s) {
            return Optional.of(s);
        }
        wrongType(key, "a string", v, v instanceof Long || v instanceof Double || v instanceof Boolean
                ? Optional.of("quote it: " + key + " = \"" + v + "\"") : Optional.empty());
        return Optional.empty();
    }

    Optional<Boolean> bool(String key) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Boolean b) {
            return Optional.of(b);
        }
        wrongType(key, "true or false", v, v instanceof String s && (s.equals("true") || s.equals("false"))
                ? Optional.of("remove the quotes: " + key + " = " + s) : Optional.empty());
        return Optional.empty();
    }

    /** An integer in {@code [min, max]}. */
    Optional<Integer> integer(String key, int min, int max) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof Long n)) {
            wrongType(key, "an integer", v, unquoteHint(key, v));
            return Optional.empty();
        }
        if (n < min || n > max) {
            invalid(key, "must be between " + min + " and " + max + ", not " + n, Optional.empty());
            return Optional.empty();
        }
        return Optional.of(n.intValue());
    }

    /** A duration string; {@code positive} rejects zero. */
    Optional<Duration> duration(String key, boolean positive) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof String s)) {
            wrongType(key, "a duration string such as \"10s\"", v, v instanceof Long n
                    ? Optional.of("add a unit: " + key + " = \"" + n + "s\"") : Optional.empty());
            return Optional.empty();
        }
        Optional<Duration> d = DurationSyntax.parse(s);
        if (d.isEmpty()) {
            invalid(key, "is not a duration: '" + s + "'", Optional.of(DurationSyntax.HINT));
        } else if (positive && d.get().isZero()) {
            invalid(key, "must be longer than 0", Optional.of("e.g. \"500ms\""));
            return Optional.empty();
        }
        return d;
    }

    /** A sub-table; an error if the key holds something else. */
    Optional<TomlTable> subTable(String key, Optional<String> hintIfNot) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof TomlTable t) {
            return Optional.of(t);
        }
        wrongType(key, "a table", v, hintIfNot);
        return Optional.empty();
    }

    /** An array of strings; each bad element is reported at its own position. */
    Optional<List<Positioned>> strings(String key) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof TomlArray array)) {
            wrongType(key, "an array of strings", v, v instanceof String s
                    ? Optional.of("write " + key + " = [\"" + s + "\"]") : Optional.empty());
            return Optional.empty();
        }
        List<Positioned> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            Object item = array.get(i);
            if (item instanceof String s) {
                out.add(new Positioned(s, array.inputPositionOf(i)));
            } else {
                problems.add(array.inputPositionOf(i), "'" + prefix + key + "[" + i + "]'"
                        + (scope.isEmpty() ? "" : " in " + scope) + " must be a string, not " + typeOf(item));
            }
        }
        return Optional.of(out);
    }

    /** This table as strings, e.g. {@code vars}; each value that is not a string is reported. Keeps file order. */
    List<Positioned.Entry> stringEntries() {
        List<Positioned.Entry> out = new ArrayList<>(table.size());
        for (String key : table.keySet()) {
            Object v = raw(key);
            TomlPosition at = position(key);
            if (v instanceof String s) {
                out.add(new Positioned.Entry(key, s, at));
            } else {
                problems.add(at, label(key) + " must be a string, not " + typeOf(v),
                        v instanceof Long || v instanceof Double || v instanceof Boolean
                                ? Optional.of("quote it: " + key + " = \"" + v + "\"") : Optional.empty());
            }
        }
        return out;
    }

    /** For {@code "5"} where an integer belongs: {@code remove the quotes: key = 5}. */
    static Optional<String> unquoteHint(String key, Object v) {
        if (v instanceof String s && !s.isEmpty() && s.length() < 10 && Sizes.allDigits(s)) {
            return Optional.of("remove the quotes: " + key + " = " + s);
        }
        return Optional.empty();
    }

    static String typeOf(Object v) {
        return switch (v) {
            case String s -> "a string";
            case Long n -> "an integer";
            case Double d -> "a float";
            case Boolean b -> "a boolean";
            case TomlArray a -> "an array";
            case TomlTable t -> "a table";
            case LocalDate d -> "a date";
            case LocalTime t -> "a time";
            case null -> "nothing";
            default -> "a date-time";
        };
    }

    /** A value with where it was written. */
    record Positioned(String value, TomlPosition position) {
        record Entry(String key, String value, TomlPosition position) {
        }
    }
}

package dev.envy.core.manifest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code [vars]} expansion: {@code ${NAME}} is replaced by the var {@code NAME} (itself expanded) or, when there is no
 * such var, by the outer environment's {@code NAME} (empty when unset). A var referring to its own name gets the
 * outer value, so {@code PATH = "/opt/bin:${PATH}"} extends the activating shell's {@code PATH}. Nothing else is
 * expanded: {@code $NAME}, {@code ${NAME:-x}} and {@code $(cmd)} stay as written (that belongs in the hook).
 */
public final class Vars {
    private Vars() {
    }

    /**
     * Expands every var, keeping their order. Pure. A reference cycle between vars is reported by validation; here
     * the reference that would close a cycle falls back to the outer environment, so the result is always defined.
     */
    public static Map<String, String> expand(Map<String, String> rawVars, Map<String, String> outerEnv) {
        Map<String, String> done = new LinkedHashMap<>();
        for (String name : rawVars.keySet()) {
            resolve(name, rawVars, outerEnv, done, new HashSet<>());
        }
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String name : rawVars.keySet()) {
            ordered.put(name, done.get(name));
        }
        return ordered;
    }

    /** The names {@code value} refers to with {@code ${NAME}}, in order of first appearance. */
    public static Set<String> references(String value) {
        Set<String> names = new LinkedHashSet<>();
        int i = value.indexOf("${");
        while (i >= 0) {
            int end = nameEnd(value, i + 2);
            if (isReference(value, i, end)) {
                names.add(value.substring(i + 2, end));
            }
            i = value.indexOf("${", i + 2);
        }
        return names;
    }

    /** Var name to the other vars it refers to (self-references excluded: they mean the outer value). */
    public static Map<String, List<String>> referenceGraph(Map<String, String> rawVars) {
        Map<String, List<String>> graph = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : rawVars.entrySet()) {
            String name = entry.getKey();
            List<String> refs = new ArrayList<>();
            for (String ref : references(entry.getValue())) {
                if (!ref.equals(name) && rawVars.containsKey(ref)) {
                    refs.add(ref);
                }
            }
            graph.put(name, refs);
        }
        return graph;
    }

    /** A valid environment variable name: letters, digits and {@code _}, not starting with a digit. */
    public static boolean isValidName(String name) {
        return !name.isEmpty() && nameEnd(name, 0) == name.length() && !Character.isDigit(name.charAt(0));
    }

    private static String resolve(String name, Map<String, String> raw, Map<String, String> outer,
                                  Map<String, String> done, Set<String> visiting) {
        String cached = done.get(name);
        if (cached != null) {
            return cached;
        }
        visiting.add(name);
        String value = raw.get(name);
        StringBuilder out = new StringBuilder(value.length());
        int from = 0;
        int i = value.indexOf("${");
        while (i >= 0) {
            int end = nameEnd(value, i + 2);
            if (isReference(value, i, end)) {
                String ref = value.substring(i + 2, end);
                out.append(value, from, i);
                boolean inner = raw.containsKey(ref) && !ref.equals(name) && !visiting.contains(ref);
                out.append(inner ? resolve(ref, raw, outer, done, visiting) : outer.getOrDefault(ref, ""));
                from = end + 1;
                i = value.indexOf("${", from);
            } else {
                i = value.indexOf("${", i + 2);
            }
        }
        out.append(value, from, value.length());
        visiting.remove(name);
        String result = out.toString();
        done.put(name, result);
        return result;
    }

    /** {@code ${NAME}} from {@code start} to {@code end} (the closing brace), NAME not starting with a digit. */
    private static boolean isReference(String s, int start, int end) {
        return end > start + 2 && end < s.length() && s.charAt(end) == '}' && !Character.isDigit(s.charAt(start + 2));
    }

    private static int nameEnd(String s, int from) {
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (!(c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9')) {
                break;
            }
            i++;
        }
        return i;
    }
}

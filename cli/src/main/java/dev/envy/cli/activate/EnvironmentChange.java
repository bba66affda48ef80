package dev.envy.cli.activate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an activation does to a shell's environment: variables to export (in order) and variables to remove.
 * Names no shell can export are dropped here, so every script renders every entry.
 */
public record EnvironmentChange(Map<String, String> set, Set<String> unset) {

    public EnvironmentChange {
        Map<String, String> kept = new LinkedHashMap<>();
        set.forEach((k, v) -> {
            if (Shell.isPortableName(k)) {
                kept.put(k, v);
            }
        });
        set = java.util.Collections.unmodifiableMap(kept);
        Set<String> gone = new TreeSet<>();
        unset.stream().filter(Shell::isPortableName).filter(n -> !kept.containsKey(n)).forEach(gone::add);
        unset = java.util.Collections.unmodifiableSet(gone);
    }

    /** This change followed by {@code later}: later exports win, a later removal removes. */
    public EnvironmentChange then(EnvironmentChange later) {
        Map<String, String> merged = new LinkedHashMap<>(set);
        later.unset.forEach(merged::remove);
        merged.putAll(later.set);
        Set<String> removed = new TreeSet<>(unset);
        removed.addAll(later.unset);
        return new EnvironmentChange(merged, removed);
    }

    /** {@code outer} with this change applied. */
    public Map<String, String> applyTo(Map<String, String> outer) {
        Map<String, String> env = new LinkedHashMap<>(outer);
        unset.forEach(env::remove);
        env.putAll(set);
        return env;
    }

    /** The statements for {@code shell}, one a line. */
    public List<String> statements(Shell shell) {
        List<String> lines = new ArrayList<>();
        unset.forEach(n -> lines.add(shell.unset(n)));
        set.forEach((k, v) -> lines.add(shell.export(k, v)));
        return lines;
    }
}

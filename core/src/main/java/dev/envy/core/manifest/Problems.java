package dev.envy.core.manifest;

import org.tomlj.TomlPosition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Collects the problems found in one file, each at a position; {@link #sorted()} orders them by position. */
final class Problems {
    private final String file;
    private final List<Problem> list = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void add(TomlPosition at, String message) {
        add(at, message, Optional.empty());
    }

    void add(TomlPosition at, String message, String hint) {
        add(at, message, Optional.of(hint));
    }

    void add(TomlPosition at, String message, Optional<String> hint) {
        int line = at == null ? 1 : at.line();
        int column = at == null ? 1 : at.column();
        list.add(new Problem(file, line, column, message, hint));
    }

    void addAll(List<Problem> problems) {
        list.addAll(problems);
    }

    /** In the order found. */
    List<Problem> list() {
        return List.copyOf(list);
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    /** By line, then column; problems at the same place keep the order they were found in. */
    List<Problem> sorted() {
        List<Problem> copy = new ArrayList<>(list);
        copy.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        return List.copyOf(copy);
    }
}

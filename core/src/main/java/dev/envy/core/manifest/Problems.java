package dev.envy.core.manifest;

import org.tomlj.TomlPosition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Supplier;

/**
 * Collects the problems found in one file, each at a position; {@link #sorted()} orders them by position. At most
 * {@link ManifestLimits#MAX_PROBLEMS} are kept, the earliest in the file; the rest are only counted, so a hostile
 * manifest with a problem in every one of its million bytes costs no more memory or time than a hundred problems. A
 * hint that takes work (a did-you-mean over every service name) can be given as a supplier: it is worked out only
 * for a problem that is kept.
 */
final class Problems {
    private static final Comparator<Entry> BY_POSITION = Comparator.comparingInt(Entry::line)
            .thenComparingInt(Entry::column).thenComparingLong(Entry::order);

    private record Entry(int line, int column, long order, String message, Supplier<Optional<String>> hint) {
    }

    private final String file;
    private final int limit;
    /** The kept problems, the latest in the file first, so the one to give up for an earlier arrival is at hand. */
    private final PriorityQueue<Entry> kept = new PriorityQueue<>(BY_POSITION.reversed());
    private long found;
    private long omitted;

    Problems(String file) {
        this(file, ManifestLimits.MAX_PROBLEMS);
    }

    Problems(String file, int limit) {
        this.file = file;
        this.limit = limit;
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
        add(at, message, () -> hint);
    }

    void add(TomlPosition at, String message, Supplier<Optional<String>> hint) {
        offer(new Entry(at == null ? 1 : at.line(), at == null ? 1 : at.column(), found++, message, hint));
    }

    private void offer(Entry entry) {
        if (kept.size() < limit) {
            kept.add(entry);
        } else if (BY_POSITION.compare(entry, kept.peek()) < 0) {
            kept.poll();
            kept.add(entry);
            omitted++;
        } else {
            omitted++;
        }
    }

    /** Takes over {@code other}'s problems, in the order found, and its count of those it did not keep. */
    void addAll(Problems other) {
        List<Entry> entries = new ArrayList<>(other.kept);
        entries.sort(Comparator.comparingLong(Entry::order));
        for (Entry e : entries) {
            offer(new Entry(e.line(), e.column(), found++, e.message(), e.hint()));
        }
        omitted += other.omitted;
    }

    /** The kept problems, in the order found. */
    List<Problem> list() {
        List<Entry> entries = new ArrayList<>(kept);
        entries.sort(Comparator.comparingLong(Entry::order));
        return entries.stream().map(this::problem).toList();
    }

    boolean isEmpty() {
        return kept.isEmpty();
    }

    /**
     * By line, then column; problems at the same place keep the order they were found in. If some were not kept, a
     * last problem at the place of the last one shown says how many more there are.
     */
    List<Problem> sorted() {
        List<Entry> entries = new ArrayList<>(kept);
        entries.sort(BY_POSITION);
        List<Problem> problems = new ArrayList<>(entries.stream().map(this::problem).toList());
        if (omitted > 0) {
            Problem last = problems.getLast();
            problems.add(new Problem(file, last.line(), last.column(), omitted + " more problem"
                    + (omitted == 1 ? "" : "s") + " after this one not shown",
                    Optional.of("fix these first and check again")));
        }
        return List.copyOf(problems);
    }

    private Problem problem(Entry e) {
        return new Problem(file, e.line(), e.column(), e.message(), e.hint().get());
    }
}

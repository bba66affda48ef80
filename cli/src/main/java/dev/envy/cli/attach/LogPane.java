package dev.envy.cli.attach;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The log pane: the last {@link #CAPACITY} lines of one service's log or of all of them, a window on them that
 * follows the newest line or stays where it was scrolled to, long lines wrapped or cut (and scrolled sideways), and a
 * search. Pure: lines come in, rows go out.
 */
final class LogPane {
    /** Lines kept; older ones are dropped (the files keep everything: {@code envy services logs}). */
    static final int CAPACITY = 5_000;

    private final List<PaneLine> lines = new ArrayList<>();
    private String service;
    private boolean follow = true;
    private boolean wrap;
    private int bottom;
    private int column;
    private String query;
    private int match = -1;
    private int unseen;

    /** Which log is shown: a service's, or null for all. */
    String service() {
        return service;
    }

    boolean following() {
        return follow;
    }

    boolean wrapping() {
        return wrap;
    }

    /** Lines that came in below the window while it was not following. */
    int unseen() {
        return unseen;
    }

    String query() {
        return query;
    }

    int size() {
        return lines.size();
    }

    /** Shows another log, starting with its last lines; follows it. */
    void switchTo(String newService, List<PaneLine> tail) {
        service = newService;
        lines.clear();
        lines.addAll(tail);
        follow = true;
        unseen = 0;
        match = -1;
        column = 0;
        trim();
    }

    void add(List<PaneLine> fresh) {
        lines.addAll(fresh);
        if (!follow) {
            unseen += fresh.size();
        }
        trim();
    }

    private void trim() {
        int excess = lines.size() - CAPACITY;
        if (excess > 0) {
            lines.subList(0, excess).clear();
            bottom = Math.max(0, bottom - excess);
            match = match - excess < 0 ? -1 : match - excess;
        }
    }

    /** Index after the last line in the window. */
    private int end() {
        return follow ? lines.size() : Math.min(bottom, lines.size());
    }

    void toggleFollow() {
        if (follow) {
            follow = false;
            bottom = lines.size();
        } else {
            follow();
        }
    }

    private void follow() {
        follow = true;
        unseen = 0;
    }

    void toggleWrap() {
        wrap = !wrap;
        column = 0;
    }

    /** Scrolls towards older lines; leaves follow mode. */
    void up(int n, int height) {
        int from = end();
        follow = false;
        bottom = Math.max(Math.min(height, lines.size()), from - n);
    }

    /** Scrolls towards newer lines; reaching the newest follows again. */
    void down(int n) {
        if (follow) {
            return;
        }
        bottom = end() + n;
        if (bottom >= lines.size()) {
            follow();
        }
    }

    void oldest(int height) {
        follow = false;
        bottom = Math.min(height, lines.size());
    }

    void newest() {
        follow();
    }

    void left(int n) {
        column = Math.max(0, column - n);
    }

    void right(int n) {
        if (!wrap) {
            column += n;
        }
    }

    /**
     * Finds {@code text} in the window's last line or above it; the window moves to show the match. Smart case: a
     * query with a capital letter is matched exactly, one without ignoring case. False when nothing matches.
     */
    boolean search(String text, int height) {
        query = text;
        match = -1;
        return older(end(), height);
    }

    /** Forgets the search: no more highlighting. */
    void clearSearch() {
        query = null;
        match = -1;
    }

    /** The next match above the current one ({@code n}). */
    boolean older(int height) {
        return query != null && older(match >= 0 ? match : end(), height);
    }

    /** The next match below the current one ({@code N}). */
    boolean newer(int height) {
        if (query == null) {
            return false;
        }
        Pattern p = pattern();
        for (int i = (match >= 0 ? match : end() - 1) + 1; i < lines.size(); i++) {
            if (p.matcher(lines.get(i).plain()).find()) {
                show(i, height);
                return true;
            }
        }
        return false;
    }

    private boolean older(int before, int height) {
        Pattern p = pattern();
        for (int i = Math.min(before, lines.size()) - 1; i >= 0; i--) {
            if (p.matcher(lines.get(i).plain()).find()) {
                show(i, height);
                return true;
            }
        }
        return false;
    }

    /** Which match is current, 1-based, among how many: for the pane's title. */
    OptionalInt matchNumber() {
        return match < 0 ? OptionalInt.empty() : OptionalInt.of(countMatches(0, match + 1));
    }

    int matchCount() {
        return query == null ? 0 : countMatches(0, lines.size());
    }

    private int countMatches(int from, int to) {
        Pattern p = pattern();
        int n = 0;
        for (int i = from; i < to; i++) {
            if (p.matcher(lines.get(i).plain()).find()) {
                n++;
            }
        }
        return n;
    }

    private void show(int index, int height) {
        match = index;
        follow = false;
        bottom = Math.min(lines.size(), Math.max(index + 1, index + 1 + height / 2));
    }

    private Pattern pattern() {
        boolean exact = !query.equals(query.toLowerCase(java.util.Locale.ROOT));
        return Pattern.compile(Pattern.quote(query), exact ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** Every line from the oldest kept to the window's last, plain, for copy mode. */
    List<String> plainLines(boolean prefixed, int prefixWidth) {
        List<String> out = new ArrayList<>();
        for (PaneLine line : lines.subList(0, end())) {
            out.add(prefixed ? pad(line.service(), prefixWidth) + " | " + line.plain() : line.plain());
        }
        return out;
    }

    /**
     * The window as {@code height} screen rows of at most {@code width} columns.
     *
     * @param prefix      the styled {@code name |} prefix of a line when all services are shown, else null
     * @param colour      keep the services' own colours
     */
    List<AttributedString> rows(int height, int width, Function<PaneLine, AttributedString> prefix, boolean colour,
                                AttributedStyle matchStyle) {
        List<AttributedString> out = new ArrayList<>();
        if (height <= 0 || width <= 0) {
            return out;
        }
        Pattern highlight = query == null ? null : pattern();
        int last = end();
        // from the window's last line upwards until the rows are full
        List<List<AttributedString>> stacked = new ArrayList<>();
        int used = 0;
        int i = last - 1;
        for (; i >= 0 && used < height; i--) {
            List<AttributedString> r = render(lines.get(i), width, prefix, colour, highlight, matchStyle);
            stacked.addFirst(r);
            used += r.size();
        }
        for (List<AttributedString> r : stacked) {
            out.addAll(r);
        }
        if (out.size() > height) {
            out = new ArrayList<>(out.subList(out.size() - height, out.size()));
        }
        // fewer lines above than rows: top-aligned, and the lines below the window fill the rest
        for (int j = last; out.size() < height && j < lines.size(); j++) {
            out.addAll(render(lines.get(j), width, prefix, colour, highlight, matchStyle));
        }
        while (out.size() > height) {
            out.removeLast();
        }
        while (out.size() < height) {
            out.add(AttributedString.EMPTY);
        }
        return out;
    }

    private List<AttributedString> render(PaneLine line, int width, Function<PaneLine, AttributedString> prefix,
                                          boolean colour, Pattern highlight, AttributedStyle matchStyle) {
        AttributedStringBuilder text = new AttributedStringBuilder();
        if (colour) {
            text.ansiAppend(line.text());
        } else {
            text.append(line.plain());
        }
        if (highlight != null) {
            text.styleMatches(highlight, matchStyle);
        }
        AttributedString head = prefix == null ? AttributedString.EMPTY : prefix.apply(line);
        if (wrap) {
            // continuation rows are indented under the text, so the prefixes stay a clean column
            int indent = head.columnLength() <= width / 2 ? head.columnLength() : 0;
            AttributedString body = indent == 0
                    ? AttributedString.join(AttributedString.EMPTY, head, text.toAttributedString())
                    : text.toAttributedString();
            List<AttributedString> parts = body.columnSplitLength(width - indent);
            if (parts.isEmpty()) {
                return List.of(indent == 0 ? AttributedString.EMPTY : head);
            }
            List<AttributedString> rows = new ArrayList<>(parts.size());
            AttributedString hang = new AttributedString(" ".repeat(indent));
            for (int i = 0; i < parts.size(); i++) {
                rows.add(indent == 0 ? parts.get(i)
                        : AttributedString.join(AttributedString.EMPTY, i == 0 ? head : hang, parts.get(i)));
            }
            return rows;
        }
        int room = Math.max(0, width - head.columnLength());
        AttributedString body = text.columnLength() > column ? text.columnSubSequence(column, column + room)
                : AttributedString.EMPTY;
        return List.of(AttributedString.join(AttributedString.EMPTY, head, body).columnSubSequence(0, width));
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}

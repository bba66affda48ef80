package dev.envy.core.manifest;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The globs of {@code watch} and {@code watch-ignore}, on project-relative paths with {@code /} separators:
 * {@code *} and {@code ?} stay within one path segment, {@code **} spans any number of segments (including none,
 * so {@code src/**}{@code /*.py} matches {@code src/a.py}), {@code [abc]} is a character class and {@code {a,b}}
 * an alternative. A leading {@code ./} is dropped. Pure.
 */
public final class PathGlob {
    private PathGlob() {
    }

    /** {@code glob} as a regular expression over a whole path, or a problem in words. */
    static Optional<String> problem(String glob) {
        String g = normalise(glob);
        if (g.isEmpty()) {
            return Optional.of("is empty");
        }
        if (glob.startsWith("/")) {
            return Optional.of("must be relative to the project directory, not absolute");
        }
        if (List.of(g.split("/")).contains("..")) {
            return Optional.of("must not leave the project directory ('..')");
        }
        int depth = 0;
        boolean inClass = false;
        for (char c : g.toCharArray()) {
            switch (c) {
                case '[' -> inClass = true;
                case ']' -> inClass = false;
                case '{' -> depth++;
                case '}' -> depth--;
                default -> { }
            }
            if (depth < 0) {
                return Optional.of("has a '}' without its '{'");
            }
        }
        if (depth != 0) {
            return Optional.of("has a '{' without its '}'");
        }
        if (inClass) {
            return Optional.of("has a '[' without its ']'");
        }
        return Optional.empty();
    }

    static Pattern compile(String glob) {
        String g = normalise(glob);
        StringBuilder re = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < g.length(); i++) {
            char c = g.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < g.length() && g.charAt(i + 1) == '*') {
                        boolean slashAfter = i + 2 < g.length() && g.charAt(i + 2) == '/';
                        boolean atSegmentStart = i == 0 || g.charAt(i - 1) == '/';
                        if (slashAfter && atSegmentStart) {
                            re.append("(?:.*/)?"); // **/ : any number of directories, none included
                            i += 2;
                        } else {
                            re.append(".*");
                            i += 1;
                        }
                    } else {
                        re.append("[^/]*");
                    }
                }
                case '?' -> re.append("[^/]");
                case '[' -> {
                    int end = g.indexOf(']', i + 1);
                    String body = g.substring(i + 1, end);
                    re.append('[').append(body.startsWith("!") ? "^" + body.substring(1) : body).append(']');
                    i = end;
                }
                case '{' -> {
                    braces++;
                    re.append("(?:");
                }
                case '}' -> {
                    braces--;
                    re.append(')');
                }
                case ',' -> re.append(braces > 0 ? "|" : ",");
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }

    /** Whether {@code path} or one of its parent directories matches one of {@code patterns}. */
    static boolean matchesSelfOrParent(List<Pattern> patterns, String path) {
        String p = path;
        while (!p.isEmpty()) {
            for (Pattern pattern : patterns) {
                if (pattern.matcher(p).matches()) {
                    return true;
                }
            }
            int slash = p.lastIndexOf('/');
            p = slash < 0 ? "" : p.substring(0, slash);
        }
        return false;
    }

    /**
     * The directories to watch for {@code glob}: its leading segments without a wildcard, recursively when what
     * follows spans directories ({@code src/**}) or more than one segment; a glob without any wildcard
     * ({@code config.toml}, {@code src}) gives its parent (to see it appear) and itself, recursively (if a directory).
     */
    static List<PathWatch.Root> roots(String glob) {
        String[] segments = normalise(glob).split("/");
        int literal = 0;
        while (literal < segments.length && !segments[literal].matches(".*[*?\\[{].*")) {
            literal++;
        }
        if (literal == segments.length) {
            return List.of(new PathWatch.Root(join(segments, literal - 1), false),
                    new PathWatch.Root(join(segments, literal), true));
        }
        boolean spans = segments.length - literal > 1 || segments[literal].contains("**");
        return List.of(new PathWatch.Root(join(segments, literal), spans));
    }

    private static String join(String[] segments, int count) {
        return String.join("/", java.util.Arrays.asList(segments).subList(0, Math.max(0, count)));
    }

    /** Without a leading {@code ./}, repeated or trailing slashes. */
    static String normalise(String path) {
        String p = path.replace('\\', '/').replaceAll("/+", "/");
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        if (p.equals(".")) {
            return "";
        }
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}

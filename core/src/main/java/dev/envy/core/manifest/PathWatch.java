package dev.envy.core.manifest;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * WT-1, {@code watch} / {@code watch-ignore} / {@code watch-debounce} of a service: a change under a path that matches
 * one of {@code globs} and none of {@code ignore} (both relative to the project directory) restarts the service, once
 * per burst of changes that follow each other within {@code debounce}. Anything under {@code .git/} or {@code .envy/}
 * never matches. Not to be confused with the status stream a client asks for ({@code Request.Watch}).
 */
public record PathWatch(List<String> globs, List<String> ignore, Duration debounce) {

    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(300);
    /** Directories whose changes never count: the repository's and envy's own state. */
    public static final List<String> ALWAYS_IGNORED = List.of(".git", ".envy");

    public PathWatch {
        globs = List.copyOf(globs);
        ignore = List.copyOf(ignore);
    }

    /**
     * Whether a change of {@code relative} (a project-relative path with {@code /} separators) concerns this watch:
     * the path or one of its parent directories matches a glob, and neither it nor a parent matches an ignore glob.
     */
    public boolean matches(String relative) {
        String path = PathGlob.normalise(relative);
        if (path.isEmpty() || alwaysIgnored(path)) {
            return false;
        }
        return PathGlob.matchesSelfOrParent(compiled(globs), path) && !PathGlob.matchesSelfOrParent(compiled(ignore), path);
    }

    /** Whether nothing under {@code relative} can concern this watch: it is always ignored or an ignore glob takes it. */
    public boolean ignores(String relative) {
        String path = PathGlob.normalise(relative);
        return alwaysIgnored(path) || PathGlob.matchesSelfOrParent(compiled(ignore), path);
    }

    /** Whether {@code relative} lies in {@code .git/} or {@code .envy/} (at any depth below the project). */
    public static boolean alwaysIgnored(String relative) {
        for (String segment : PathGlob.normalise(relative).split("/")) {
            if (ALWAYS_IGNORED.contains(segment)) {
                return true;
            }
        }
        return false;
    }

    /** The directories the daemon watches for this service (see {@link PathGlob#roots}). */
    public List<Root> roots() {
        return globs.stream().flatMap(g -> PathGlob.roots(g).stream()).distinct().toList();
    }

    /**
     * A directory to watch, project-relative ({@code ""}: the project directory), with its subdirectories or not.
     */
    public record Root(String dir, boolean recursive) {}

    private static List<Pattern> compiled(List<String> globs) {
        return globs.stream().map(PathGlob::compile).toList();
    }
}

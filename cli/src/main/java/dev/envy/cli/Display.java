package dev.envy.cli;

import java.util.Map;

/**
 * How the CLI may draw on its stdout, decided in one place for every command: a live view (cursor movement) only on
 * a terminal that can move its cursor, colour only there and only without {@code NO_COLOR}. A pipe, a file,
 * {@code TERM=dumb} (Emacs shells, some CI logs) or an unset {@code TERM} get plain lines.
 *
 * @param live   whether the output may be redrawn in place
 * @param colour whether ANSI colours may be used
 */
public record Display(boolean live, boolean colour) {

    public static final Display PLAIN = new Display(false, false);

    /** For an output that is a terminal or not, under the environment {@code env}. */
    public static Display of(Map<String, String> env, boolean isTerminal) {
        String term = env.getOrDefault("TERM", "");
        boolean capable = isTerminal && !term.isBlank() && !term.equals("dumb");
        // https://no-color.org: set to any non-empty value
        boolean noColor = !env.getOrDefault("NO_COLOR", "").isEmpty();
        return new Display(capable, capable && !noColor);
    }

    /**
     * Whether this process's stdout is a terminal: {@code /proc/self/fd/1} names a tty device (stdin may not be). What
     * {@code envy activate} asks to choose between a subshell and a script.
     */
    public static boolean stdoutIsTerminal() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/1")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (java.io.IOException | UnsupportedOperationException e) {
            java.io.Console console = System.console();
            return console != null && console.isTerminal();
        }
    }

    /** For this process's stdout. */
    public static Display stdout(Map<String, String> env) {
        java.io.Console console = System.console();
        return of(env, console != null && console.isTerminal());
    }
}

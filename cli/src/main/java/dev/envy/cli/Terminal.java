package dev.envy.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether envy talks to a terminal: what decides between a live view and plain lines, a subshell and a script. */
public final class Terminal {
    private Terminal() {
    }

    /** Whether this process's stdout is a terminal: {@code /proc/self/fd/1} names a tty device (stdin may not be). */
    public static boolean onStdout() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return interactive();
        }
    }

    /** Whether stdout and stdin are a terminal: then progress is a live view rather than lines. */
    public static boolean interactive() {
        Console console = System.console();
        return console != null && console.isTerminal();
    }
}

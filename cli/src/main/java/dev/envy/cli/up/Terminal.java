package dev.envy.cli.up;

import java.io.Console;

/** Whether this process's stdout (and stdin) is a terminal: then progress is a live view rather than lines. */
public final class Terminal {
    private Terminal() {
    }

    public static boolean stdout() {
        Console console = System.console();
        return console != null && console.isTerminal();
    }
}

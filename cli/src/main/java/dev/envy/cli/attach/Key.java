package dev.envy.cli.attach;

/** The keys of the live view that are not a printable character ({@link ViewInput.Typed} carries those). */
public enum Key {
    UP, DOWN, LEFT, RIGHT, PAGE_UP, PAGE_DOWN, HOME, END, ENTER, ESCAPE, BACKSPACE,
    /** Ctrl-C, or SIGINT from outside: leave (in {@code envy up}: ask first). */
    CTRL_C,
    /** Ctrl-L: draw the whole screen again. */
    CTRL_L
}

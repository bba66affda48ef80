package dev.envy.daemon.env;

import java.util.List;

/**
 * {@code hook.on-activate} could not give the services their environment: it exited non-zero, called {@code exit},
 * did not finish in time, or bash could not be run. The message is one sentence for the user; {@link #outputTail()}
 * holds the last lines the hook printed, to show under it.
 */
public final class HookFailure extends Exception {

    /** {@link #exitCode()} when the hook did not exit by itself (it timed out, or bash could not be started). */
    public static final int NO_EXIT_CODE = -1;

    private final int exitCode;
    private final List<String> outputTail;

    public HookFailure(String message, int exitCode, List<String> outputTail) {
        super(message);
        this.exitCode = exitCode;
        this.outputTail = List.copyOf(outputTail);
    }

    /** The hook shell's exit code, or {@link #NO_EXIT_CODE}. */
    public int exitCode() {
        return exitCode;
    }

    /** The last lines of the hook's combined stdout and stderr (at most {@link HookRunner#TAIL_LINES}). */
    public List<String> outputTail() {
        return outputTail;
    }
}

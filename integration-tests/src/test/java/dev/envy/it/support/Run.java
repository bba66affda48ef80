package dev.envy.it.support;

import java.util.List;

/** One finished run of {@code bin/envy}: what it printed and how it exited. */
public record Run(List<String> command, int exitCode, String stdout, String stderr) {

    /** Fails unless the exit code is {@code expected}; the message shows the whole run. */
    public Run assertExit(int expected) {
        if (exitCode != expected) {
            throw new AssertionError("expected exit " + expected + " but was " + exitCode + "\n" + this);
        }
        return this;
    }

    public Run assertOk() {
        return assertExit(0);
    }

    /** Fails unless stdout contains {@code text}. */
    public Run assertStdoutContains(String text) {
        if (!stdout.contains(text)) {
            throw new AssertionError("stdout does not contain \"" + text + "\"\n" + this);
        }
        return this;
    }

    /** Fails unless stderr contains {@code text}. */
    public Run assertStderrContains(String text) {
        if (!stderr.contains(text)) {
            throw new AssertionError("stderr does not contain \"" + text + "\"\n" + this);
        }
        return this;
    }

    public List<String> stdoutLines() {
        return stdout.lines().toList();
    }

    public List<String> stderrLines() {
        return stderr.lines().toList();
    }

    @Override
    public String toString() {
        return "$ " + String.join(" ", command) + "\n[exit " + exitCode + "]\n--- stdout ---\n" + stdout
                + "--- stderr ---\n" + stderr + "--------------";
    }
}

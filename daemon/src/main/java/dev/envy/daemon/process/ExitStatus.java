package dev.envy.daemon.process;

import dev.envy.core.manifest.Signal;

import java.util.Optional;

/**
 * How a service's leader process ended: an exit code (≥ 0) or a signal, exactly one of the two.
 *
 * <p>A leader's status is read as bash reports a command's in {@code $?}: a death by signal N is 128 + N, so the same
 * service reads alike whether bash exec'd its program or waited for it. A value in 129…192 whose N is a known signal
 * is read as that signal; {@code exit 130} written by a script is therefore reported as SIGINT, which is also what
 * bash itself would say of a child that returned it. Values above 192 (and 128) stay exit codes.
 *
 * @param exitCode the exit code, or -1 when {@code signal} is present
 */
public record ExitStatus(int exitCode, Optional<Signal> signal) {

    public ExitStatus {
        if (signal.isPresent() == (exitCode >= 0)) {
            throw new IllegalArgumentException("exactly one of an exit code or a signal: " + exitCode + ", " + signal);
        }
    }

    public static ExitStatus code(int exitCode) {
        return new ExitStatus(exitCode, Optional.empty());
    }

    public static ExitStatus killedBy(Signal signal) {
        return new ExitStatus(-1, Optional.of(signal));
    }

    /** Decodes a status in bash's {@code $?} form; see the class comment for the 128 + N rule. */
    public static ExitStatus fromShellStatus(int value) {
        if (value > 128 && value <= 128 + 64) {
            Optional<Signal> signal = Signal.ofNumber(value - 128);
            if (signal.isPresent()) {
                return killedBy(signal.get());
            }
        }
        return code(Math.max(0, value));
    }

    public boolean success() {
        return exitCode == 0;
    }

    /** {@code exit 3} or {@code SIGKILL}, for messages. */
    public String describe() {
        return signal.map(Signal::fullName).orElse("exit " + exitCode);
    }
}

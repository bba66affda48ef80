package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Signal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * ST-10: a service without a readiness check is {@code running} for the command that started it only once it has
 * stayed up for {@link #WINDOW}; one that dies within it failed to start, and a command that cannot run at all (bash's
 * exit 127, command not found, or 126, not executable) is {@code failed} with a plain sentence and never restarted:
 * trying again would not make the program appear.
 */
final class Settling {
    /**
     * ◆ How long a service without a readiness check must stay up before a start reports it running. bash reports a
     * missing program within milliseconds; the window also covers a command that fails at once on bad arguments, and
     * the daemon's reaping and log flushing on a busy machine. Services start in parallel, so an {@code up} waits for
     * it about once (docs/behaviour.md, ST-10).
     */
    static final Duration WINDOW = Duration.ofMillis(300);

    private Settling() {
    }

    /** Whether {@code s} is past its settle window (always, but for a running service without a check). */
    static boolean settled(ServiceState s, Instant now) {
        return s.status() != ServiceStatus.RUNNING || s.spec().readiness().isPresent()
                || !now.isBefore(s.since().plus(WINDOW));
    }

    /** Whether an exit right after the spawn says the command could not run: 126 or 127 within the window. */
    static boolean cannotRun(ServiceState s, int exitCode, Optional<Signal> signal, Instant now) {
        return signal.isEmpty() && (exitCode == 126 || exitCode == 127)
                && now.isBefore(s.since().plus(WINDOW.multipliedBy(2)));
    }

    /** {@code command not found: redis-serverx}, or {@code cannot execute ./run.sh (permission denied…)}. */
    static String whyNot(String command, int exitCode) {
        String program = program(command);
        return exitCode == 127 ? "command not found: " + program
                : "cannot execute " + program + " (permission denied, or not an executable)";
    }

    /** The program a shell command runs: its first word after variable assignments and {@code exec}. */
    static String program(String command) {
        for (String word : command.strip().split("\\s+")) {
            if (word.equals("exec") || word.equals("env") || word.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                continue;
            }
            return word.replaceAll("^['\"]|['\"]$", "");
        }
        return command.strip();
    }
}

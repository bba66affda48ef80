package dev.envy.cli.activate;

import java.util.List;

/**
 * How an activation enters the environment. The rule, in order:
 * <ol>
 *   <li>a command after {@code --} → {@link Command};</li>
 *   <li>{@code --print-script} → {@link InPlace};</li>
 *   <li>no plan file (the CLI was not started by {@code bin/envy}, so nothing could exec a shell) → {@link InPlace};</li>
 *   <li>stdout is a terminal → {@link Subshell};</li>
 *   <li>otherwise stdout is being captured ({@code eval "$(envy activate)"}, {@code envy activate | source}) →
 *       {@link InPlace}.</li>
 * </ol>
 */
public sealed interface Mode {
    /** An interactive {@code $SHELL} exec'd by {@code bin/envy} in place of its own process. */
    record Subshell() implements Mode {}

    /** Shell code printed to stdout for the calling shell to evaluate. */
    record InPlace() implements Mode {}

    /** One command exec'd by {@code bin/envy} in place of its own process; its exit code is envy's. */
    record Command(List<String> argv) implements Mode {
        public Command {
            argv = List.copyOf(argv);
        }
    }

    static Mode decide(List<String> command, boolean printScript, boolean havePlan, boolean stdoutIsTerminal) {
        if (!command.isEmpty()) {
            return new Command(command);
        }
        if (printScript || !havePlan || !stdoutIsTerminal) {
            return new InPlace();
        }
        return new Subshell();
    }
}

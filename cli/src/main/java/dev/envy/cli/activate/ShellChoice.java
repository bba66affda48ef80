package dev.envy.cli.activate;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which shell an activation is for, and which program starts it.
 * {@code --shell} wins; in-place activation asks the evaluating shell's process name, then {@code $SHELL};
 * a subshell is {@code $SHELL}. Anything but bash, zsh or fish falls back to bash, with a note.
 *
 * @param shell   the dialect of the generated code
 * @param program what the subshell plan execs ({@code $SHELL}'s path when it is that shell)
 * @param note    a sentence for stderr when we fell back
 */
record ShellChoice(Shell shell, String program, Optional<String> note) {

    static ShellChoice of(Optional<String> explicit, Map<String, String> env, OptionalLong evaluatingShell,
                          EvaluatingShell shells) throws BadShell {
        if (explicit.isPresent()) {
            Shell shell = Shell.fromProgram(explicit.get())
                    .orElseThrow(() -> new BadShell("unknown shell '" + explicit.get() + "'"));
            String login = env.getOrDefault("SHELL", "");
            String program = Shell.fromProgram(login).filter(s -> s == shell).isPresent() ? login : shell.id();
            return new ShellChoice(shell, program, Optional.empty());
        }
        if (evaluatingShell.isPresent()) {
            Optional<Shell> running = shells.shellOf(evaluatingShell.getAsLong());
            if (running.isPresent()) {
                return new ShellChoice(running.get(), running.get().id(), Optional.empty());
            }
        }
        String login = env.getOrDefault("SHELL", "");
        Optional<Shell> fromLogin = Shell.fromProgram(login);
        if (fromLogin.isPresent()) {
            return new ShellChoice(fromLogin.get(), login, Optional.empty());
        }
        String shown = login.isEmpty() ? "$SHELL is not set" : "$SHELL (" + login + ") is not bash, zsh or fish";
        return new ShellChoice(Shell.BASH, "bash", Optional.of("envy: " + shown + "; using bash"));
    }

    /** {@code --shell} named a shell envy does not support (exit 2). */
    static final class BadShell extends Exception {
        BadShell(String message) {
            super(message);
        }
    }
}

package dev.envy.cli.activate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The shell code of an activation: the in-place script a shell evaluates, and the plans (POSIX sh sourced by
 * {@code bin/envy}) that exec a subshell or a command. Pure text from the templates next to this class, except
 * {@link #subshellPlan}, which writes the subshell's generated rc files.
 */
public final class Scripts {
    private Scripts() {
    }

    /**
     * Code for {@code eval "$(envy activate)"} (bash, zsh) or {@code envy activate | source} (fish): first the
     * {@link #claim}, then the environment, then the interactive part.
     */
    public static String inPlace(Session session, Optional<Path> claim) {
        return claim(session.shell(), claim) + inPlace(session);
    }

    /** The in-place script of an activation whose process is registered already ({@code --pid}): no claim. */
    public static String inPlace(Session session) {
        String exports = String.join("\n", session.change().statements(session.shell()));
        return exports + "\n" + interactivePart(session);
    }

    /**
     * AC-9: the lines by which the evaluating shell registers itself, with builtins only (no process is started):
     * it writes its own PID to {@code claim} (when the daemon expects one) and exports it as {@code ENVY_ACTIVATION}.
     */
    public static String claim(Shell shell, Optional<Path> claim) {
        String pid = shell == Shell.FISH ? "$fish_pid" : "$$";
        String write = claim.map(file -> switch (shell) {
            case BASH, ZSH -> "{ printf '%s\\n' \"$$\" >| " + shell.quote(file.toString()) + "; } 2>/dev/null\n";
            // fish reports a failed redirection whatever its stderr: the daemon may have gone with its directory
            case FISH -> "if test -d " + shell.quote(file.getParent().toString()) + "; echo $fish_pid > "
                    + shell.quote(file.toString()) + "; end\n";
        }).orElse("");
        String export = shell == Shell.FISH ? "set -gx " + Activation.REGISTERED + " " + pid + "\n"
                : "export " + Activation.REGISTERED + "=\"" + pid + "\"\n";
        return write + export;
    }

    /** A plan that exports the environment and then execs {@code command}: the process keeps its PID. */
    public static String commandPlan(EnvironmentChange change, List<String> command) {
        return header() + sh(change)
                + "exec " + command.stream().map(Shell::posixQuote).collect(Collectors.joining(" ")) + "\n";
    }

    /**
     * Writes the rc files of an interactive {@code session} into {@code dir} (a fresh private directory the shell
     * removes once it has read them) and returns the plan that execs the shell {@code program}.
     */
    public static String subshellPlan(Session session, String program, Path dir) {
        String q = Shell.posixQuote(dir.toString());
        String exec = switch (session.shell()) {
            case BASH -> {
                write(dir.resolve("bashrc"), template("bashrc.bash")
                        .replace("@@SESSION@@", interactivePart(session))
                        .replace("@@DIR@@", q));
                yield "exec " + Shell.posixQuote(program) + " --rcfile " + Shell.posixQuote(dir.resolve("bashrc").toString()) + " -i\n";
            }
            case ZSH -> {
                write(dir.resolve(".zshenv"), template("zshenv.zsh"));
                write(dir.resolve(".zshrc"), template("zshrc.zsh").replace("@@SESSION@@", interactivePart(session)));
                yield "if [ \"${ZDOTDIR+set}\" = set ]; then __ENVY_ZDOTDIR=$ZDOTDIR; export __ENVY_ZDOTDIR; fi\n"
                        + "ZDOTDIR=" + q + "; export ZDOTDIR\n"
                        + "exec " + Shell.posixQuote(program) + " -i\n";
            }
            case FISH -> {
                Path init = dir.resolve("init.fish");
                write(init, template("init.fish")
                        .replace("@@SESSION@@", interactivePart(session))
                        .replace("@@DIR@@", Shell.FISH.quote(dir.toString())));
                yield "exec " + Shell.posixQuote(program) + " -i -C " + Shell.posixQuote("source " + Shell.FISH.quote(init.toString())) + "\n";
            }
        };
        return header() + sh(session.change()) + exec;
    }

    private static String interactivePart(Session session) {
        Shell shell = session.shell();
        String name = switch (shell) {
            case BASH -> "session.bash";
            case ZSH -> "session.zsh";
            case FISH -> "session.fish";
        };
        return template(name)
                .replace("@@PROFILE@@", shell.quote(session.profile()))
                .replace("@@MARKER@@", shell.quote(session.marker()));
    }

    private static String header() {
        // bin/envy has removed the plan's file before it sources it; the plan keeps the launcher's variables out of
        // the shell.
        return "# envy activation plan, sourced by bin/envy\n"
                + "unset ENVY_PLAN ENVY_LAUNCHER_PID\n";
    }

    private static String sh(EnvironmentChange change) {
        // The plan is POSIX sh; bash and zsh statements are POSIX too.
        return change.statements(Shell.BASH).stream().map(s -> s + "\n").collect(Collectors.joining());
    }

    static String template(String name) {
        try (InputStream in = Scripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " next to " + Scripts.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}

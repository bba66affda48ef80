package dev.envy.cli;

import dev.envy.core.manifest.Problem;
import dev.envy.core.text.Suggest;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.List;

/**
 * The one place where failures become stderr text and exit codes: an {@link EnvyException} prints
 * {@code envy: MESSAGE} and {@code hint: HINT} with its code; a bad command line is exit 2 with a pointer to the
 * usage; anything unexpected is exit 1 with one sentence (the stack trace only with {@code --debug}).
 */
final class Failures implements IExecutionExceptionHandler, IParameterExceptionHandler {

    private final boolean debugFromArgs;

    Failures(String[] args) {
        this.debugFromArgs = List.of(args).contains("--debug");
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        boolean debug = debugFromArgs
                || commandLine.getCommandSpec().root().userObject() instanceof EnvyCommand root && root.debug();
        return report(ex, commandLine.getErr(), debug);
    }

    /** Prints a failure and returns its exit code. */
    static int report(Throwable ex, PrintWriter err, boolean debug) {
        switch (ex) {
            case InvalidManifestException invalid -> {
                for (Problem p : invalid.problems()) {
                    err.println(p.format());
                }
                printMessage(err, invalid.getMessage(), invalid.hint().orElse(null));
            }
            case EnvyException envy -> {
                err.println("envy: " + envy.getMessage());
                envy.details().forEach(line -> err.println("  | " + line));
                envy.hint().ifPresent(h -> err.println("hint: " + h));
            }
            default -> printMessage(err, "unexpected error: " + describe(ex),
                    debug ? null : "run the command again with --debug to see where it happened");
        }
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ex instanceof EnvyException envy ? envy.exitCode() : ExitCode.FAILED;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String path = cmd.getCommandSpec().qualifiedName();
        if (ex instanceof UnmatchedArgumentException unmatched && !cmd.getSubcommands().isEmpty()
                && !unmatched.getUnmatched().isEmpty() && !unmatched.getUnmatched().getFirst().startsWith("-")) {
            String word = unmatched.getUnmatched().getFirst();
            String list = "`" + path + " --help` lists the commands";
            printMessage(err, "unknown command '" + word + "' for `" + path + "`",
                    Suggest.hint(word, cmd.getSubcommands().keySet()).map(s -> s + " (" + list + ")").orElse(list));
        } else {
            printMessage(err, lowerFirst(ex.getMessage()), "see `" + path + " --help` for usage");
        }
        if (debugFromArgs) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCode.INVALID;
    }

    private static void printMessage(PrintWriter err, String message, String hint) {
        err.println("envy: " + message);
        if (hint != null && !hint.isBlank()) {
            err.println("hint: " + hint);
        }
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        return ex.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    private static String lowerFirst(String s) {
        if (s == null || s.isEmpty()) {
            return "invalid command line";
        }
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}

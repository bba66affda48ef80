package dev.envy.cli;

import dev.envy.cli.daemon.ClientDaemonConnector;
import picocli.CommandLine;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;

/** The {@code envy} command's entry point: the only {@code System.exit} of the code base. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = writer(System.out, "stdout.encoding");
        PrintWriter err = writer(System.err, "stderr.encoding");
        int code;
        try {
            code = run(args, defaultContext(), out, err);
        } catch (Throwable t) {
            code = Failures.report(t, err, java.util.List.of(args).contains("--debug"));
        }
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** The real edges: this process's working directory, environment and system, and the socket client. */
    public static CliContext defaultContext() {
        return new CliContext(Path.of("").toAbsolutePath(), System.getenv(),
                dev.envy.core.manifest.Systems.current(), java.time.InstantSource.system(),
                ClientDaemonConnector::new);
    }

    /** Runs {@code envy ARGS} in-process and returns its exit code; everything is printed to {@code out}/{@code err}. */
    public static int run(String[] args, CliContext context, PrintWriter out, PrintWriter err) {
        if (args.length == 2 && args[0].equals("services") && args[1].equals("status")) {
            return statusWithoutPicocli(context, out, err);
        }
        Failures failures = new Failures(args);
        CommandLine cl = Commands.commandLine(new EnvyCommand(context), args)
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(failures)
                .setParameterExceptionHandler(failures)
                .setCaseInsensitiveEnumValuesAllowed(true);
        if (context.env().containsKey("NO_COLOR")) {
            cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        }
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * {@code envy services status} exactly, the most frequent command: the same work as through picocli, without
     * building picocli's command model, which costs more than the command itself (README, Performance). Any option,
     * name or typo goes through picocli as usual.
     */
    private static int statusWithoutPicocli(CliContext context, PrintWriter out, PrintWriter err) {
        int code;
        try {
            Project project = new ProjectLocator(context.workingDir(), context.env()).find(java.util.Optional.empty());
            code = dev.envy.cli.commands.ServicesStatusCommand.show(project, context, java.util.List.of(), false, out);
        } catch (RuntimeException e) {
            code = Failures.report(e, err, false);
        }
        out.flush();
        err.flush();
        return code;
    }

    private static PrintWriter writer(java.io.PrintStream stream, String encodingProperty) {
        String name = System.getProperty(encodingProperty);
        Charset charset = name == null ? Charset.defaultCharset() : Charset.forName(name, Charset.defaultCharset());
        return new PrintWriter(new OutputStreamWriter(stream, charset), true);
    }
}

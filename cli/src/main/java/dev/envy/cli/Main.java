package dev.envy.cli;

import dev.envy.cli.client.DaemonClient;
import dev.envy.cli.daemon.ClientDaemonConnector;
import picocli.CommandLine;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Optional;

/** The {@code envy} command's entry point: the only {@code System.exit} of the code base. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Optional<Invocation> hot = HotPath.read(args);
        if (hot.isPresent() && hot.get().talksToDaemon()) {
            // the JDK's one-time Unix socket set-up overlaps everything this run does before it connects
            DaemonClient.prepareInBackground();
        }
        PrintWriter out = writer(System.out, "stdout.encoding");
        PrintWriter err = writer(System.err, "stderr.encoding");
        int code;
        try {
            code = run(args, hot, defaultContext(), out, err);
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
        return run(args, HotPath.read(args), context, out, err);
    }

    private static int run(String[] args, Optional<Invocation> hot, CliContext context, PrintWriter out,
                           PrintWriter err) {
        int code = hot.isPresent() ? runDirectly(hot.get(), context, out, err)
                : commandLine(args, context, out, err).execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The picocli command line for {@code args}, configured as every run uses it. */
    static CommandLine commandLine(String[] args, CliContext context, PrintWriter out, PrintWriter err) {
        Failures failures = new Failures(args);
        CommandLine cl = Commands.commandLine(new EnvyCommand(context), args)
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler(failures)
                .setParameterExceptionHandler(failures)
                .setCaseInsensitiveEnumValuesAllowed(true);
        if (!Display.stdout(context.env()).colour()) {
            cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        }
        return cl;
    }

    /**
     * A hot command read by {@link HotPath}: run as picocli runs it (the project first, then the command; a failure
     * is reported by {@link Failures} as picocli's execution-exception handler would; {@code --debug} is never set
     * here, since it sends the command line to picocli).
     */
    private static int runDirectly(Invocation invocation, CliContext context, PrintWriter out, PrintWriter err) {
        try {
            ProjectLocator locator = new ProjectLocator(context.workingDir(), context.env(), err::println);
            Project project = invocation instanceof Invocation.Activate ? locator.findForActivation(invocation.dir())
                    : locator.find(invocation.dir());
            return invocation.run(project, context, out, err);
        } catch (Exception e) {
            return Failures.report(e, err, false);
        }
    }

    private static PrintWriter writer(java.io.PrintStream stream, String encodingProperty) {
        String name = System.getProperty(encodingProperty);
        Charset charset = name == null ? Charset.defaultCharset() : Charset.forName(name, Charset.defaultCharset());
        return new PrintWriter(new OutputStreamWriter(stream, charset), true);
    }
}

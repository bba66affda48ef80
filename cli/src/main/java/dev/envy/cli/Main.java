package dev.envy.cli;

import dev.envy.host.client.AotCacheCheck;
import dev.envy.host.client.DaemonClient;
import dev.envy.host.client.Deadlines;
import dev.envy.host.client.SocketLink;
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
        AotCacheCheck.atStart();
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
                c -> new SocketLink(c.env(), Deadlines.DEFAULT));
    }

    /** Runs {@code envy ARGS} in-process and returns its exit code; everything is printed to {@code out}/{@code err}. */
    public static int run(String[] args, CliContext context, PrintWriter out, PrintWriter err) {
        int code = commandLine(args, context, out, err).execute(args);
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
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionStrategy(Main::execute);
        if (!Display.stdout(context.env()).colour()) {
            cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        }
        return cl;
    }

    /**
     * Runs the parsed command as picocli does. A command that will talk to a daemon first starts the JDK's one-time
     * Unix socket set-up on a side thread ({@link DaemonClient#prepareInBackground}), so that it overlaps everything
     * the command does before it connects (finding the project, loading the manifest).
     */
    private static int execute(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        if (leaf.commandSpec().userObject() instanceof Invocation.Parsed command && !leaf.isUsageHelpRequested()
                && !leaf.isVersionHelpRequested() && command.invocation().talksToDaemon()) {
            DaemonClient.prepareInBackground();
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    private static PrintWriter writer(java.io.PrintStream stream, String encodingProperty) {
        String name = System.getProperty(encodingProperty);
        Charset charset = name == null ? Charset.defaultCharset() : Charset.forName(name, Charset.defaultCharset());
        return new PrintWriter(new OutputStreamWriter(stream, charset), true);
    }
}

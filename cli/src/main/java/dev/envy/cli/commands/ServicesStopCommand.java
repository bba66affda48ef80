package dev.envy.cli.commands;

import dev.envy.cli.CliContext;
import dev.envy.cli.ExitCode;
import dev.envy.cli.Invocation;
import dev.envy.cli.InvocationCommand;
import dev.envy.cli.ManifestFiles;
import dev.envy.cli.Project;
import dev.envy.cli.client.DaemonRequests;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.protocol.Request;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code envy services stop}: SP-1…9. */
public final class ServicesStopCommand extends InvocationCommand {

    @Override
    protected void define(CommandSpec spec) {
        spec.name("stop");
        spec.usageMessage()
                .description("Stop services, dependents before their dependencies. Each gets its stop-signal (or "
                        + "shutdown.command), then SIGKILL to its whole process tree after stop-timeout. Blocks until "
                        + "every targeted process has exited and its log is on disk.",
                        "Services that depend on a stopped one keep running; a warning names them. Stopping one that is not "
                        + "running is a note, not an error. The daemon stays up (see `envy down`).")
                .footerHeading("%nExamples:%n")
                .footer("  envy services stop                every service",
                        "  envy services stop web            just web",
                        "  envy services stop web --no-wait  return at once");
        serviceNames(spec, "Services to stop (default: all).", v -> names = v);
        flag(spec, "Return once the daemon accepted the request.", v -> noWait = v, "--no-wait");
    }

    List<String> names = new ArrayList<>();

    boolean noWait;

    @Override
    public Invocation.Stop invocation() {
        return new Invocation.Stop(dirOption(), names, !noWait);
    }

    /** The command's work, with or without picocli ({@link Invocation}). */
    public static int run(Project project, CliContext context, Invocation.Stop stop, PrintWriter out,
                          PrintWriter err) {
        Manifest manifest = ManifestFiles.loadValid(project, context.system());
        List<String> checked = ServiceNames.check(stop.names(), manifest);
        return new DaemonRequests(context.daemonConnector(project), out)
                .sendIfRunning(new Request.Stop(checked, stop.await()))
                .map(r -> DaemonRequests.finish(r, out, err))
                .orElseGet(() -> {
                    ServiceNames.targeted(checked, manifest).forEach(n -> out.println(n + ": not running"));
                    return ExitCode.OK;
                });
    }
}

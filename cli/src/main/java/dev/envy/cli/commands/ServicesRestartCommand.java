package dev.envy.cli.commands;

import dev.envy.cli.CliContext;
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

/** {@code envy services restart}: RS-1…7. */
public final class ServicesRestartCommand extends InvocationCommand {

    @Override
    protected void define(CommandSpec spec) {
        spec.name("restart");
        spec.usageMessage()
                .description("Restart services: stop them as `stop` does, then start them as `start` does, blocking until they "
                        + "are running or ready. One that was not running is started, with a note.",
                        "Only the named services by default; --with-dependents also restarts everything that depends on "
                        + "them (stopped in reverse order, started in order). Without names: every running service.",
                        "A service whose definition changed in envy.toml since it was applied restarts as envy.toml "
                        + "defines it now, with a note; other changes wait for `envy services reload`.")
                .footerHeading("%nExamples:%n")
                .footer("  envy services restart web",
                        "  envy services restart db --with-dependents   db, then whatever waits on it",
                        "  envy services restart                        all running services");
        serviceNames(spec, "Services to restart (default: all running).", v -> names = v);
        flag(spec, "Also restart every service that depends on them.", v -> withDependents = v, "--with-dependents");
        waiting.addTo(spec);
    }

    List<String> names = new ArrayList<>();

    boolean withDependents;

    WaitOptions waiting = new WaitOptions();

    @Override
    public Invocation.Restart invocation() {
        return new Invocation.Restart(dirOption(), names, withDependents, waiting.await(), waiting.timeout);
    }

    /** The command's work, with or without picocli ({@link Invocation}). */
    public static int run(Project project, CliContext context, Invocation.Restart restart, PrintWriter out,
                          PrintWriter err) {
        Manifest manifest = ManifestFiles.loadValid(project, context.system());
        ManifestFiles.requireAllowed(project, context.env());
        List<String> checked = ServiceNames.check(restart.names(), manifest);
        return new DaemonRequests(context.daemonConnector(project), out)
                .sendIfRunning(new Request.Restart(checked, restart.withDependents(), restart.await(),
                        restart.timeout().toMillis()))
                .map(r -> DaemonRequests.finish(r, out, err))
                .orElseThrow(() -> ServicesStartCommand.nothingKeepsServicesUp("restart"));
    }
}

package dev.envy.cli.commands;

import dev.envy.cli.CliContext;
import dev.envy.cli.Display;
import dev.envy.cli.EnvyException;
import dev.envy.cli.Invocation;
import dev.envy.cli.InvocationCommand;
import dev.envy.cli.ManifestFiles;
import dev.envy.cli.Project;
import dev.envy.cli.client.DaemonRequests;
import dev.envy.cli.up.StartView;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.protocol.Request;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** {@code envy services start}: ST-1…9. */
public final class ServicesStartCommand extends InvocationCommand {

    @Override
    protected void define(CommandSpec spec) {
        spec.name("start");
        spec.usageMessage()
                .description("Start services and, first, what they depend on, level by level. Blocks until each is running, or "
                        + "ready where it has a readiness check, and reports progress as it goes.",
                        "Without names: every service not marked autostart = false. Unknown names are refused before "
                        + "anything starts. Needs a running environment (`envy up -d` or `envy activate -s`).")
                .footerHeading("%nExamples:%n")
                .footer("  envy services start               all services",
                        "  envy services start web worker    these two and their dependencies",
                        "  envy services start db --no-wait  return once the request is accepted",
                        "",
                        "Exit codes: 0 all running, 1 a service failed to start, 2 unknown name or no running environment, "
                        + "3 daemon unreachable.");
        serviceNames(spec, "Services to start (default: all enabled).", v -> names = v);
        waiting.addTo(spec);
    }

    List<String> names = new ArrayList<>();

    WaitOptions waiting = new WaitOptions();

    @Override
    public Invocation.Start invocation() {
        return new Invocation.Start(dirOption(), names, waiting.await(), waiting.timeout);
    }

    /** The command's work, with or without picocli ({@link Invocation}). */
    public static int run(Project project, CliContext context, Invocation.Start start, PrintWriter out,
                          PrintWriter err) {
        Manifest manifest = ManifestFiles.loadValid(project, context.system());
        ManifestFiles.requireAllowed(project, context.env());
        List<String> checked = ServiceNames.check(start.names(), manifest);
        Display display = start.await() ? Display.stdout(context.env()) : Display.PLAIN;
        StartView view = StartView.of(out, display.live(), display.colour());
        DaemonRequests requests = new DaemonRequests(context.daemonConnector(project), out, view::progress);
        try {
            return requests.sendIfRunning(new Request.Start(checked, start.await(), start.timeout().toMillis()))
                    .map(r -> {
                        view.finish();
                        return DaemonRequests.finish(r, out, err);
                    })
                    .orElseThrow(() -> nothingKeepsServicesUp("start"));
        } finally {
            view.finish();
        }
    }

    /** AC-7: starting with no activation and no hold would leave nothing to keep the services up. */
    static EnvyException nothingKeepsServicesUp(String verb) {
        return EnvyException.invalid("no daemon runs for this environment, so nothing would keep services up after `"
                + verb + "`", "run `envy activate -s` or `envy up -d`");
    }
}

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
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code envy services wait}: WT-2, the blocking wait of a script or CI job. Starts nothing. */
public final class ServicesWaitCommand extends InvocationCommand {

    @Override
    protected void define(CommandSpec spec) {
        spec.name("wait");
        spec.usageMessage()
                .description("Wait until services are up: running and ready where they have a readiness check, or "
                        + "completed. Starts nothing; answers as soon as a service can no longer come up (failed, "
                        + "blocked, stopped, not started).",
                        "Without names: every service not marked autostart = false.")
                .footerHeading("%nExamples:%n")
                .footer("  envy up -d --no-wait && envy services wait && ./run-tests; envy down",
                        "  envy services wait db --timeout 2m",
                        "",
                        "Exit codes: 0 all up, 1 a service failed, is not coming up or the timeout passed (each is "
                        + "named), 2 unknown name, 3 daemon unreachable.");
        serviceNames(spec, "Services to wait for (default: all enabled).", v -> names = v);
        spec.addOption(OptionSpec.builder("--timeout").paramLabel("DURATION").defaultValue("60s")
                .converters(new DurationConverter())
                .description("How long to wait (default: ${DEFAULT-VALUE}; e.g. 30s, 2m).")
                .type(Duration.class).setter(dev.envy.cli.Binding.to((Duration v) -> timeout = v)).build());
    }

    List<String> names = new ArrayList<>();

    Duration timeout;

    @Override
    public Invocation.Wait invocation() {
        return new Invocation.Wait(dirOption(), names, timeout);
    }

    /** The command's work, with or without picocli ({@link Invocation}). */
    public static int run(Project project, CliContext context, Invocation.Wait wait, PrintWriter out,
                          PrintWriter err) {
        Manifest manifest = ManifestFiles.loadValid(project, context.system());
        List<String> checked = ServiceNames.check(wait.names(), manifest);
        Display display = Display.stdout(context.env());
        StartView view = StartView.of(out, display.live(), display.colour());
        DaemonRequests requests = new DaemonRequests(context.daemonConnector(project), out, view::progress);
        return requests.sendIfRunning(new Request.Wait(checked, wait.timeout().toMillis()))
                .map(r -> DaemonRequests.finish(r, out, err))
                .orElseThrow(() -> EnvyException.failed("no daemon runs for this environment, so no service is up",
                        "start them with `envy up -d` or `envy activate -s`"));
    }
}

package dev.envy.cli.commands;

import dev.envy.cli.CliContext;
import dev.envy.cli.Display;
import dev.envy.cli.EnvyException;
import dev.envy.cli.Invocation;
import dev.envy.cli.InvocationCommand;
import dev.envy.cli.ManifestFiles;
import dev.envy.cli.Project;
import dev.envy.cli.client.DaemonRequests;
import dev.envy.cli.client.ProgressLine;
import dev.envy.cli.up.ForegroundUp;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.core.protocol.ServiceView;
import picocli.CommandLine.Model.CommandSpec;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code envy up}: AC-6, in the foreground ({@link ForegroundUp}) or as a detached hold ({@code -d}). */
public final class UpCommand extends InvocationCommand {

    @Override
    protected void define(CommandSpec spec) {
        spec.name("up");
        spec.usageMessage()
                .description("Start the project's daemon if needed and every enabled service in dependency order.",
                        "In the foreground (default): on a terminal, the live view of `envy attach` (the services, their "
                        + "logs, keys to steer them; `?` lists the keys); q or Ctrl-C asks whether to detach (the "
                        + "services keep running until `envy down`) or stop everything. In a pipe, or with --no-tui: "
                        + "each service's progress, then the services' combined logs (`name | line`) until Ctrl-C or "
                        + "SIGTERM, which stops every service in reverse order and exits 0 (1 if a service failed to "
                        + "start). Only lines written since `envy up` began are shown; `envy services logs` has the "
                        + "older ones.",
                        "With -d: keep the services up with a detached hold, with no shell attached, until `envy down`; "
                        + "blocks until each is running (or ready) and prints the result; exit 1 if one failed.")
                .footerHeading("%nExamples:%n")
                .footer("  envy up                    start everything and watch it (q: detach or stop it all)",
                        "  envy up --no-tui           start everything, follow the logs, Ctrl-C stops it all",
                        "  envy up -d                 start everything in the background",
                        "  envy up -d --timeout 2m    allow slow services more time",
                        "  envy services status       then see what runs",
                        "  envy down                  and stop it all");
        flag(spec, "Run the services in the background, until `envy down`.", v -> detach = v, "-d", "--detach");
        flag(spec, "On a terminal too: progress lines, then the logs (as in a pipe).", v -> noTui = v, "--no-tui");
        waiting.addTo(spec);
    }

    boolean detach;

    boolean noTui;

    WaitOptions waiting = new WaitOptions();

    @Override
    public Invocation.Up invocation() {
        return new Invocation.Up(dirOption(), detach, waiting.await(), waiting.timeout, noTui);
    }

    /** The command's work, with or without picocli ({@link Invocation}). */
    public static int run(Project project, CliContext context, Invocation.Up up, PrintWriter out, PrintWriter err)
            throws IOException, InterruptedException {
        Manifest manifest = ManifestFiles.loadValid(project, context.system());
        ManifestFiles.requireAllowed(project, context.env());
        if (!up.detach()) {
            if (!up.await()) {
                throw EnvyException.invalid("--no-wait applies to `envy up -d` only",
                        "run `envy up -d --no-wait`, or `envy up` to start and follow the services");
            }
            out.flush();
            Display display = Display.stdout(context.env());
            ForegroundUp.Output output = new ForegroundUp.Output(out, err,
                    new FileOutputStream(FileDescriptor.out), display.live(), display.colour(),
                    display.live() && !up.noTui());
            return ForegroundUp.withSignals(context.daemonConnector(project), project,
                    List.copyOf(manifest.services().keySet()), output, up.timeout()).run();
        }
        // each service's state once: as it changes while we wait, then at the end only what was not said yet
        // (with --no-wait nothing streams, so the end lists every service)
        Map<String, String> said = new HashMap<>();
        Response response = new DaemonRequests(context.daemonConnector(project), out, p -> {
            said.put(p.service(), p.status());
            out.println(ProgressLine.of(p));
            out.flush();
        }).sendStarting(new Request.Up(up.await(), up.timeout().toMillis()));
        if (response instanceof Response.Result result && result.notes().isEmpty()) {
            for (ServiceView s : result.services()) {
                if (!s.status().equals(said.get(s.name()))) {
                    out.println(s.name() + ": " + s.status() + (s.message() == null ? "" : " (" + s.message() + ")"));
                }
            }
        }
        return DaemonRequests.finish(response, out, err);
    }
}

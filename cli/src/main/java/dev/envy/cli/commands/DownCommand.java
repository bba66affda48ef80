package dev.envy.cli.commands;

import dev.envy.cli.CliContext;
import dev.envy.cli.ExitCode;
import dev.envy.cli.Invocation;
import dev.envy.cli.InvocationCommand;
import dev.envy.cli.Project;
import dev.envy.cli.client.DaemonRequests;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.host.client.DaemonConnector;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.Optional;

/** {@code envy down}: SD-1. */
public final class DownCommand extends InvocationCommand {

    @Override
    protected void define(CommandSpec spec) {
        spec.name("down");
        spec.usageMessage()
                .description("Stop every service in reverse dependency order, wait until they have exited and their logs "
                        + "are on disk, then stop the project's daemon. With no daemon running there is nothing to do, unless a daemon that "
                        + "died left services running: they are stopped too.")
                .footerHeading("%nExamples:%n")
                .footer("  envy down                   stop this project's services and daemon",
                        "  envy -d ~/src/app down      another project's");
    }

    @Override
    public Invocation.Down invocation() {
        return new Invocation.Down(dirOption());
    }

    /** The command's work, with or without picocli ({@link Invocation}). */
    public static int run(Project project, CliContext context, PrintWriter out, PrintWriter err) {
        DaemonRequests requests = new DaemonRequests(context.daemonConnector(project), out);
        Optional<Response> answer = requests.send(new Request.Down(), DaemonConnector.Start.NEVER);
        if (answer.isEmpty()) {
            java.util.Map<String, Long> orphaned = OrphanedServices.of(context.daemonConnector(project));
            if (!orphaned.isEmpty()) {
                // CS-13: a fresh daemon stops them the way it stops its own (CS-8), then shuts down
                out.println("envy: a daemon that died left " + String.join(", ", orphaned.keySet())
                        + " running; stopping them");
                out.flush();
                answer = requests.send(new Request.Down(), DaemonConnector.Start.WHEN_NEEDED);
            }
        }
        if (answer.isEmpty()) {
            out.println("envy: no daemon running for this environment");
            return ExitCode.OK;
        }
        return switch (answer.get()) {
            case Response.ShuttingDown s -> {
                // the client waited it out: it was shutting down already and has gone
                out.println("the daemon was already shutting down; it has stopped");
                yield ExitCode.OK;
            }
            case Response.Error e -> throw new dev.envy.cli.EnvyException(e.exitCode(), e.message(), e.hint());
            case Response.Result r -> {
                int code = DaemonRequests.finish(r, out, err);
                requests.awaitGone(); // SD-1: down returns once the daemon ran on-deactivate and exited
                yield code;
            }
            case Response.Welcome w -> throw DaemonRequests.unexpected(w);
            case Response.StatusReport r -> throw DaemonRequests.unexpected(r);
            case Response.Progress p -> throw DaemonRequests.unexpected(p);
            case Response.StatusChanged c -> throw DaemonRequests.unexpected(c);
        };
    }
}

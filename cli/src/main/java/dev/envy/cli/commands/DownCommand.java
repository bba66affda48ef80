package dev.envy.cli.commands;

import dev.envy.cli.CliContext;
import dev.envy.cli.ExitCode;
import dev.envy.cli.Invocation;
import dev.envy.cli.InvocationCommand;
import dev.envy.cli.Project;
import dev.envy.cli.daemon.DaemonConnector;
import dev.envy.cli.daemon.DaemonRequests;
import dev.envy.cli.daemon.DaemonSession;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Optional;

/** {@code envy down}: SD-1. */
@Command(name = "down",
        description = "Stop every service in reverse dependency order, wait until they have exited and their logs "
                + "are on disk, then stop the project's daemon. With no daemon running there is nothing to do.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  envy down                   stop this project's services and daemon",
                "  envy -d ~/src/app down      another project's"})
public final class DownCommand extends InvocationCommand {

    @Override
    public Invocation.Down invocation() {
        return new Invocation.Down(dirOption());
    }

    /** The command's work, with or without picocli ({@link Invocation}). */
    public static int run(Project project, CliContext context, PrintWriter out, PrintWriter err) {
        DaemonConnector connector = context.daemonConnector();
        Optional<DaemonSession> session = connector.connectIfRunning(project);
        if (session.isEmpty()) {
            out.println("envy: no daemon running for this environment");
            return ExitCode.OK;
        }
        DaemonRequests requests = new DaemonRequests(connector, project, out);
        Response response = session.get().call(new Request.Down(), frame -> {
            if (frame instanceof Response.Progress p) {
                out.println(dev.envy.cli.daemon.ProgressLine.of(p));
                out.flush();
            }
        });
        return switch (response) {
            case Response.ShuttingDown s -> {
                requests.awaitGone();
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
            case Response.LogLine l -> throw DaemonRequests.unexpected(l);
            case Response.StatusChanged c -> throw DaemonRequests.unexpected(c);
        };
    }
}

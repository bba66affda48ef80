package dev.envy.cli.attach;

import dev.envy.cli.CliCommand;
import dev.envy.cli.Display;
import dev.envy.cli.EnvyException;
import dev.envy.cli.ExitCode;
import dev.envy.cli.Project;
import dev.envy.cli.client.DaemonRequests;
import dev.envy.host.client.DaemonConnector;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;

/** {@code envy attach}: TV-1, the live view of a running environment, from any terminal, as many at once as wanted. */
public final class AttachCommand extends CliCommand {

    @Override
    protected void define(CommandSpec spec) {
        spec.name("attach");
        spec.usageMessage()
                .description("Watch and steer the environment's running services, full screen: a table of the services "
                                + "(status, ready, PID, uptime, restarts, last exit or signal, ports allocated and listened "
                                + "on, CPU% and RSS of each service's whole process tree) and their logs, live.",
                        "Keys: up/down or j/k select, Enter or l show the selected service's log, a all logs, "
                                + "r restart, s start/stop, R reload envy.toml, / search, n/N next/previous match, "
                                + "f follow, w wrap, c copy mode (the log as plain text for your terminal's selection), "
                                + "? help, Ctrl-L redraw, q detach: the services keep running.",
                        "Needs a terminal and a running daemon (`envy up -d` or `envy activate -s` starts one); any "
                                + "number of terminals can attach at once. `envy up` on a terminal shows the same view.")
                .footerHeading("%nExamples:%n")
                .footer("  envy up -d && envy attach     start everything in the background, then watch it",
                        "  envy -d ~/src/shop attach     watch another project's environment");
    }

    @Override
    protected int execute() throws Exception {
        Project project = project();
        Display display = Display.stdout(context().env());
        if (!display.live()) {
            throw EnvyException.invalid("envy attach needs a terminal to draw on",
                    "in a pipe or a script, `envy services status` and `envy services logs -f` show the same");
        }
        DaemonConnector connector = context().daemonConnector(project);
        if (!running(connector)) {
            throw EnvyException.invalid("no daemon runs for " + project.dir(),
                    "start the services with `envy up -d` (or `envy up`, which shows this view), then attach");
        }
        out().flush();
        err().flush();
        LiveView.Left left = LiveView.show(project, DaemonPort.of(connector), false, context().clock(),
                display.colour(), view -> { });
        String name = project.dir().getFileName().toString();
        if (left.daemonGone()) {
            err().println("envy: the daemon of " + name + " has exited; `envy up -d` or `envy up` starts it again");
        } else {
            err().println("envy: detached from " + name + "; its services keep running (`envy down` stops them)");
        }
        return ExitCode.OK;
    }

    private static boolean running(DaemonConnector connector) {
        try {
            return connector.status().running();
        } catch (IOException e) {
            throw DaemonRequests.translate(e);
        }
    }
}

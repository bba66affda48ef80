package dev.envy.cli.edit;

import dev.envy.cli.CliContext;
import dev.envy.cli.ExitCode;
import dev.envy.cli.Project;
import dev.envy.cli.client.DaemonRequests;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;

import java.io.PrintWriter;
import java.util.Optional;

/**
 * UP-1: has the running daemon (if any) apply the manifest on disk, printing what happened to each service. Never
 * starts a daemon: with none running there is nothing to apply.
 */
final class ManifestApply {
    static final String NO_DAEMON = "no daemon is running, nothing to apply";

    private ManifestApply() {
    }

    /** Sends {@link Request.Reload} and prints its notes; the exit code is the daemon's. */
    static int apply(CliContext context, Project project, PrintWriter out, PrintWriter err, String validNote) {
        Optional<Response> response = new DaemonRequests(context.daemonConnector(project), out)
                .sendIfRunning(new Request.Reload());
        if (response.isEmpty()) {
            out.println(validNote + "; " + NO_DAEMON);
            return ExitCode.OK;
        }
        return DaemonRequests.finish(response.get(), out, err);
    }
}

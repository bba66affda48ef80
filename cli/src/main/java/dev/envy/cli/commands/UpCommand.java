package dev.envy.cli.commands;

import dev.envy.cli.EnvyException;
import dev.envy.cli.Project;
import dev.envy.cli.daemon.DaemonRequests;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.core.protocol.ServiceView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;

/** {@code envy up -d}: AC-6's detached hold. */
@Command(name = "up",
        description = {
                "Start the project's daemon if needed and every enabled service in dependency order, and keep them "
                        + "up with a detached hold: they stay up with no shell attached, until `envy down`.",
                "Blocks until each service is running (or ready, where it has a readiness check) and prints the "
                        + "result per service; exit 1 if one failed (its dependents are not started)."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  envy up -d                 start everything in the background",
                "  envy up -d --timeout 2m    allow slow services more time",
                "  envy services status       then see what runs",
                "  envy down                  and stop it all"})
public final class UpCommand extends ServiceCommand {

    @Option(names = {"-d", "--detach"}, description = "Run the services in the background (required for now).")
    boolean detach;

    @Option(names = "--no-wait", description = "Return once the daemon accepted the request.")
    boolean noWait;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "60s",
            description = "How long to wait for the services (default: ${DEFAULT-VALUE}; e.g. 30s, 2m).")
    Duration timeout;

    @Override
    protected int execute() {
        if (!detach) {
            throw EnvyException.invalid("`envy up` in the foreground is not available yet",
                    "run `envy up -d` to start the services in the background, `envy down` to stop them");
        }
        Project project = project();
        manifest(project);
        Response response = requests(project).sendStarting(new Request.Up(!noWait, timeout.toMillis()));
        if (response instanceof Response.Result result && result.notes().isEmpty()) {
            for (ServiceView s : result.services()) {
                out().println(s.name() + ": " + s.status() + (s.message() == null ? "" : " (" + s.message() + ")"));
            }
        }
        return DaemonRequests.finish(response, out(), err());
    }
}

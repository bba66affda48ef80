package dev.envy.cli.commands;

import dev.envy.cli.CliCommand;
import dev.envy.cli.Project;
import dev.envy.cli.daemon.DaemonRequests;

/** A command that talks to the project's daemon. */
abstract class ServiceCommand extends CliCommand {
    protected DaemonRequests requests(Project project) {
        return new DaemonRequests(context().daemonConnector(), project, out());
    }
}

package dev.envy.cli.commands;

import dev.envy.cli.CliCommand;
import dev.envy.cli.ExitCode;
import picocli.CommandLine.Command;

/** {@code envy daemon}: about the project's background daemon itself. */
@Command(name = "daemon",
        description = "Inspect the project's background daemon (one per project; it supervises the services).",
        commandListHeading = "%nCommands:%n")
public final class DaemonCommand extends CliCommand {
    @Override
    protected int execute() {
        spec.commandLine().usage(err());
        return ExitCode.INVALID;
    }
}

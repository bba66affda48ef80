package dev.envy.cli.commands;

import dev.envy.cli.CliCommand;
import dev.envy.cli.ExitCode;
import picocli.CommandLine.Model.CommandSpec;

/** {@code envy daemon}: about the project's background daemon itself. */
public final class DaemonCommand extends CliCommand {

    @Override
    protected void define(CommandSpec spec) {
        spec.name("daemon");
        spec.usageMessage()
                .description("Inspect the project's background daemon (one per project; it supervises the services).")
                .commandListHeading("%nCommands:%n");
    }
    @Override
    protected int execute() {
        spec.commandLine().usage(err());
        return ExitCode.INVALID;
    }
}

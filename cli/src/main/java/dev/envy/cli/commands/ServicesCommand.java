package dev.envy.cli.commands;

import dev.envy.cli.CliCommand;
import dev.envy.cli.ExitCode;
import picocli.CommandLine.Model.CommandSpec;

/** {@code envy services}: the group of commands acting on the environment's services. */
public final class ServicesCommand extends CliCommand {

    @Override
    protected void define(CommandSpec spec) {
        spec.name("services");
        spec.usageMessage()
                .description("Start, stop, restart and inspect the services of this project. They run under the "
                        + "project's daemon; `envy up -d` or `envy activate -s` starts it and keeps the services up.")
                .commandListHeading("%nCommands:%n")
                .footerHeading("%nExamples:%n")
                .footer("  envy services status              what runs, with PIDs, uptime and last exit",
                        "  envy services start web           start web (and what it depends on)",
                        "  envy services restart db --with-dependents",
                        "  envy services stop                stop every service (the daemon stays)");
    }
    @Override
    protected int execute() {
        spec.commandLine().usage(err());
        return ExitCode.INVALID;
    }
}

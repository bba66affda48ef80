package dev.envy.cli;

import dev.envy.cli.commands.CheckCommand;
import dev.envy.cli.commands.DaemonCommand;
import dev.envy.cli.commands.DaemonStatusCommand;
import dev.envy.cli.commands.DownCommand;
import dev.envy.cli.commands.InitCommand;
import dev.envy.cli.commands.ServicesCommand;
import dev.envy.cli.commands.ServicesRestartCommand;
import dev.envy.cli.commands.ServicesStartCommand;
import dev.envy.cli.commands.ServicesStatusCommand;
import dev.envy.cli.commands.ServicesStopCommand;
import dev.envy.cli.commands.UpCommand;
import picocli.CommandLine;

/**
 * Every envy command, registered in one place and in the order {@code --help} lists them. To add a command, add one
 * line in the marked place; nothing else needs to know about it.
 */
final class Commands {
    private Commands() {
    }

    static CommandLine commandLine(EnvyCommand root) {
        CommandLine envy = new CommandLine(root);

        envy.addSubcommand(new InitCommand());
        envy.addSubcommand(new CheckCommand());
        envy.addSubcommand(new dev.envy.cli.activate.ActivateCommand());
        envy.addSubcommand(new UpCommand());
        envy.addSubcommand(new DownCommand());

        CommandLine services = new CommandLine(new ServicesCommand());
        services.addSubcommand(new ServicesStartCommand());
        services.addSubcommand(new ServicesStopCommand());
        services.addSubcommand(new ServicesRestartCommand());
        services.addSubcommand(new ServicesStatusCommand());
        // ── services logs (branch reload) ── services.addSubcommand(new dev.envy.cli.logs.LogsCommand());
        // ── services reload (branch reload) ── services.addSubcommand(new dev.envy.cli.edit.ReloadCommand());
        envy.addSubcommand(services);

        // ── edit (branch reload) ── envy.addSubcommand(new dev.envy.cli.edit.EditCommand());

        CommandLine daemon = new CommandLine(new DaemonCommand());
        daemon.addSubcommand(new DaemonStatusCommand());
        envy.addSubcommand(daemon);

        return envy;
    }
}

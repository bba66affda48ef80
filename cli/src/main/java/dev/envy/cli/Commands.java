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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every envy command, registered in one place and in the order {@code --help} lists them. To add a command, add one
 * line in the marked place (the name must be the one its {@code define} gives); nothing else needs to know about it.
 *
 * <p>Start-up matters (a status is a few hundred milliseconds of budget), and every command built is objects made
 * and help text kept. So a run builds only the commands on the path its arguments name
 * ({@code envy services status} builds three) and builds a whole level only when the argument there names no
 * command ({@code --help}, a typo that needs a did-you-mean).
 */
public final class Commands {
    private Commands() {
    }

    /** The whole command tree for {@code context}, as {@code envy --help} shows it: the model completions and man pages are made from. */
    public static CommandLine all(CliContext context) {
        return commandLine(new EnvyCommand(context));
    }

    static Node tree() {
        Node envy = new Node(null);
        envy.add("init", InitCommand::new);
        envy.add("check", CheckCommand::new);
        envy.add("activate", dev.envy.cli.activate.ActivateCommand::new);
        envy.add("up", UpCommand::new);
        envy.add("attach", dev.envy.cli.attach.AttachCommand::new);
        envy.add("down", DownCommand::new);

        Node services = envy.add("services", ServicesCommand::new);
        services.add("start", ServicesStartCommand::new);
        services.add("stop", ServicesStopCommand::new);
        services.add("restart", ServicesRestartCommand::new);
        services.add("status", ServicesStatusCommand::new);
        services.add("wait", dev.envy.cli.commands.ServicesWaitCommand::new);
        services.add("logs", dev.envy.cli.logs.LogsCommand::new);
        services.add("reload", dev.envy.cli.edit.ReloadCommand::new);

        envy.add("edit", dev.envy.cli.edit.EditCommand::new);
        envy.add("allow", dev.envy.cli.commands.AllowCommand::allow);
        envy.add("deny", dev.envy.cli.commands.AllowCommand::deny);
        envy.add("export", dev.envy.cli.export.ExportCommand::new);

        Node daemon = envy.add("daemon", DaemonCommand::new);
        daemon.add("status", DaemonStatusCommand::new);

        envy.add("hook", dev.envy.cli.activate.HookCommand::new);
        envy.add("completion", dev.envy.cli.completion.CompletionCommand::new);
        envy.add("install", dev.envy.cli.install.InstallCommand::new);
        envy.add("uninstall", dev.envy.cli.install.UninstallCommand::new);
        return envy;
    }

    /** The whole command tree. */
    static CommandLine commandLine(EnvyCommand root) {
        return tree().build(root, null, 0);
    }

    /** The command tree as far as {@code args} need it. */
    static CommandLine commandLine(EnvyCommand root, String[] args) {
        return tree().build(root, args, 0);
    }

    /** A command and its subcommands, each built only when asked for. */
    static final class Node {
        private final Supplier<Modelled> factory;
        private final Map<String, Node> children = new LinkedHashMap<>();

        Node(Supplier<Modelled> factory) {
            this.factory = factory;
        }

        Node add(String name, Supplier<Modelled> command) {
            Node child = new Node(command);
            children.put(name, child);
            return child;
        }

        /** Builds this command; with {@code args}, only the child named at the next positional argument. */
        CommandLine build(Modelled command, String[] args, int from) {
            CommandLine cl = new CommandLine(command.spec());
            if (children.isEmpty()) {
                return cl;
            }
            int at = args == null ? -1 : nextPositional(args, from);
            Node chosen = at < 0 ? null : children.get(args[at]);
            if (chosen != null) {
                cl.addSubcommand(args[at], chosen.build(chosen.factory.get(), args, at + 1));
            } else {
                children.forEach((name, child) -> cl.addSubcommand(name, child.build(child.factory.get(), null, 0)));
            }
            return cl;
        }

        /** The index of the next argument that is not an option (skipping -d/--dir's value), or -1. */
        private static int nextPositional(String[] args, int from) {
            for (int i = from; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-d") || a.equals("--dir")) {
                    i++;
                } else if (a.equals("--")) {
                    return -1;
                } else if (!a.startsWith("-")) {
                    return i;
                }
            }
            return -1;
        }
    }
}

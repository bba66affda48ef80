package dev.envy.cli.edit;

import dev.envy.cli.CliCommand;
import dev.envy.cli.Project;
import picocli.CommandLine.Model.CommandSpec;

/** {@code envy services reload}: UP-1, UP-2. */
public final class ReloadCommand extends CliCommand {

    @Override
    protected void define(CommandSpec spec) {
        spec.name("reload");
        spec.usageMessage()
                .description("Apply envy.toml to the running services without restarting the daemon: removed services are "
                        + "stopped, added ones started (if the services are up), changed ones restarted, the rest "
                        + "left alone.",
                        "A service counts as changed when its command, vars, working-dir, readiness, restart or stop "
                        + "settings, is-daemon, or its environment (from [vars] and the hook) changed; services that "
                        + "wait on a restarted one with `ready` or `completed` are restarted after it. A change of "
                        + "depends-on or autostart alone restarts nothing.",
                        "An invalid manifest changes nothing: its problems are printed and the exit code is 2. Sending the "
                        + "daemon SIGHUP does the same as this command.")
                .footerHeading("%nOutput:%n")
                .footer("  db: restarted (command changed)",
                        "  web: restarted (dependency db restarted)",
                        "  cache: added",
                        "  old-worker: removed",
                        "  docs: unchanged");
    }

    @Override
    protected int execute() {
        Project project = project();
        manifest(project); // invalid: every problem printed, exit 2, nothing sent
        return ManifestApply.apply(context(), project, out(), err(), "manifest is valid");
    }
}

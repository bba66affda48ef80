package dev.envy.cli.commands;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.WriterConfig;
import dev.envy.cli.CliCommand;
import dev.envy.cli.ExitCode;
import dev.envy.cli.client.DaemonRequests;
import dev.envy.host.client.DaemonStatus;
import picocli.CommandLine.Model.CommandSpec;

/** {@code envy daemon status}: CS-9, CS-4. */
public final class DaemonStatusCommand extends CliCommand {

    @Override
    protected void define(CommandSpec spec) {
        spec.name("status");
        spec.usageMessage()
                .description("Say whether the project's daemon runs, and where its socket, runtime dir and log are, "
                        + "without talking to it (it reads the daemon's lock and pid file only, so it works even when the "
                        + "daemon is stuck).")
                .footerHeading("%nExamples:%n")
                .footer("  envy daemon status",
                        "  envy daemon status --json");
        flag(spec, "Print one JSON object.", v -> json = v, "--json");
    }

    boolean json;

    @Override
    protected int execute() {
        DaemonStatus info = new DaemonRequests(context().daemonConnector(project()), out()).status();
        if (json) {
            out().println(Json.object()
                    .add("running", info.running())
                    .add("pid", info.pid().isPresent() ? Json.value(info.pid().getAsLong()) : Json.NULL)
                    .add("socket", info.socket().toString())
                    .add("runtimeDir", info.runtimeDir().toString())
                    .add("log", info.log().toString())
                    .toString(WriterConfig.PRETTY_PRINT));
            return ExitCode.OK;
        }
        out().println("daemon:      " + (info.running()
                ? "running" + (info.pid().isPresent() ? " (pid " + info.pid().getAsLong() + ")" : "")
                : "not running"));
        out().println("socket:      " + info.socket());
        out().println("runtime dir: " + info.runtimeDir());
        out().println("log:         " + info.log());
        return ExitCode.OK;
    }
}

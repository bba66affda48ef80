package dev.envy.cli.attach;

import dev.envy.cli.EnvyException;
import dev.envy.cli.Project;
import dev.envy.cli.daemon.DaemonConnector;
import dev.envy.cli.daemon.DaemonSession;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;

import java.util.Optional;
import java.util.function.Consumer;

/** The live view's daemon: the project's running daemon, reached as every command reaches it; never started. */
final class ConnectedDaemon implements DaemonPort {
    private final DaemonConnector connector;
    private final Project project;

    ConnectedDaemon(DaemonConnector connector, Project project) {
        this.connector = connector;
        this.project = project;
    }

    @Override
    public String watch(Consumer<Response.StatusReport> onReport) {
        Optional<DaemonSession> session = connector.connectIfRunning(project);
        if (session.isEmpty()) {
            return "it is not running";
        }
        Response last;
        try {
            last = session.get().call(new Request.Watch(), frame -> {
                if (frame instanceof Response.StatusChanged changed) {
                    onReport.accept(changed.report());
                }
            });
        } catch (EnvyException lost) {
            return "its connection was lost";
        }
        return switch (last) {
            case Response.StatusReport report -> {
                onReport.accept(report);
                yield "it shut down";
            }
            case Response.ShuttingDown s -> "it shut down";
            case Response.Error e -> e.message();
            case Response.Result r -> "it answered " + r.tag();
            case Response.StatusChanged c -> "it answered " + c.tag();
            case Response.Welcome w -> "it answered " + w.tag();
            case Response.Progress p -> "it answered " + p.tag();
            case Response.LogLine l -> "it answered " + l.tag();
        };
    }

    @Override
    public Response send(Request request) {
        DaemonSession session = connector.connectIfRunning(project).orElseThrow(() -> EnvyException.daemon(
                "the daemon is not running", "`envy up -d` starts it"));
        return session.call(request, frame -> { });
    }
}

package dev.envy.cli.attach;

import dev.envy.cli.EnvyException;
import dev.envy.cli.client.DaemonRequests;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.host.client.DaemonConnector;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;

/** The live view's daemon: the project's running daemon, reached through the one client; never started. */
final class ConnectedDaemon implements DaemonPort {
    private final DaemonConnector connector;

    ConnectedDaemon(DaemonConnector connector) {
        this.connector = connector;
    }

    @Override
    public String watch(Consumer<Response.StatusReport> onReport) {
        Optional<Response> last;
        try {
            last = connector.call(new Request.Watch(), frame -> {
                if (frame instanceof Response.StatusChanged changed) {
                    onReport.accept(changed.report());
                }
            }, DaemonConnector.Start.NEVER);
        } catch (IOException lost) {
            return "its connection was lost";
        }
        if (last.isEmpty()) {
            return "it is not running";
        }
        return switch (last.get()) {
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
        };
    }

    @Override
    public java.util.Map<String, Long> orphans() {
        return dev.envy.cli.commands.OrphanedServices.of(connector);
    }

    @Override
    public Response send(Request request) {
        try {
            return connector.call(request, frame -> { }, DaemonConnector.Start.NEVER)
                    .filter(r -> !(r instanceof Response.ShuttingDown))
                    .orElseThrow(() -> EnvyException.daemon("the daemon is not running", "`envy up -d` starts it"));
        } catch (IOException e) {
            throw DaemonRequests.translate(e);
        }
    }
}

package dev.envy.cli.attach;

import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.host.client.DaemonConnector;

import java.util.function.Consumer;

/** What the live view needs of the environment's daemon. */
public interface DaemonPort {

    /** The project's running daemon, reached through {@code connector}; never started by the view. */
    static DaemonPort of(DaemonConnector connector) {
        return new ConnectedDaemon(connector);
    }

    /**
     * Hands the daemon's state to {@code onReport} at once and again after every change, until the daemon ends the
     * stream (it exits, or is killed); then returns why it ended, in a few words. Blocks meanwhile.
     */
    String watch(Consumer<Response.StatusReport> onReport);

    /** Sends one request on its own connection and returns the final answer; an {@code EnvyException} on trouble. */
    Response send(Request request);

    /**
     * CS-13, once the daemon has gone: the service process groups it left running (service name → PID), as
     * {@code envy services status} finds them; empty when none is left (or a daemon runs again).
     */
    java.util.Map<String, Long> orphans();
}

package dev.envy.host.client;

import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How a {@link DaemonConnector} reaches the daemon of an environment (its canonical project directory): the socket
 * and the launcher ({@link SocketLink}), or a scripted daemon in a test. It makes one attempt at each thing; the
 * connector decides what to try again.
 */
public interface DaemonLink {

    /** CS-9: whether a daemon holds the environment's lock, and where its files are, without touching the socket. */
    DaemonStatus status(Path projectDir) throws IOException;

    /** A session with the running daemon (the handshake done), or empty when none runs. Never starts one. */
    Optional<Session> connectIfRunning(Path projectDir) throws IOException;

    /** A session with the daemon, starting it first if needed (BG-2). */
    Session ensureRunning(Path projectDir) throws IOException;

    /** Waits until the environment's daemon has gone (released its lock); false at the deadline. */
    boolean awaitGone(Path projectDir, Duration deadline) throws IOException;

    /** A daemon that answered the handshake, for one request. */
    interface Session {

        /**
         * Sends {@code request}, hands every streamed frame ({@link Response.Progress}) to {@code onStream} and
         * returns the final response. A {@link DaemonException} is the daemon's refusal or a
         * deadline; any other {@link IOException} is a dropped connection.
         */
        Response call(Request request, Consumer<Response> onStream) throws IOException;
    }
}

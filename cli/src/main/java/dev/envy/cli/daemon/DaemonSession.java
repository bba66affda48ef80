package dev.envy.cli.daemon;

import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;

import java.util.function.Consumer;

/** A daemon that answered the handshake. Each call is one request on its own connection. */
public interface DaemonSession {

    /**
     * Sends {@code request}, hands every streamed frame ({@link Response.Progress}, {@link Response.LogLine}) to
     * {@code onStream} and returns the final response. Connection trouble is an {@code EnvyException} with exit 3.
     */
    Response call(Request request, Consumer<Response> onStream);
}

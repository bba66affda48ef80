package dev.envy.daemon.server;

import dev.envy.core.protocol.Request;

/**
 * Receives each connection's one request after the handshake. It may answer at once or later from another thread
 * (e.g. the daemon's event loop), but must eventually {@link Exchange#reply} unless the client goes away first.
 * Called on the connection's own thread; must not block for long.
 */
@FunctionalInterface
public interface RequestHandler {

    void handle(Request request, Exchange exchange);
}

package dev.envy.daemon.server;

import dev.envy.core.protocol.Response;

/**
 * One client's request in flight: zero or more streamed responses, then exactly one final response. Thread-safe;
 * writes go straight to the socket, so a caller that may stream a lot (logs) should call from its own thread.
 * A failed write (the client went away) is not thrown: the exchange just closes and {@link #onClose} actions run.
 */
public interface Exchange {

    /**
     * Sends a non-final response ({@link Response.Progress}).
     *
     * @return false when the exchange is already closed (nothing was sent)
     * @throws IllegalArgumentException for a final response
     */
    boolean stream(Response response);

    /**
     * Sends the final response and closes the connection. A second reply is ignored.
     *
     * @return false when the exchange was already closed (nothing was sent)
     * @throws IllegalArgumentException for a streamed response type
     */
    boolean reply(Response response);

    /** True until the final reply was sent or the client went away. */
    boolean isOpen();

    /**
     * Runs {@code action} once if the connection ends without a final reply: the client hung up, a write failed or
     * the server closed. Runs at once (on the caller's thread) when that already happened; never after a reply.
     * Otherwise it runs on the connection's thread, so it should only hand the news over (e.g. post an event).
     */
    void onClose(Runnable action);
}

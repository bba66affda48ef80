package dev.envy.daemon.loop;

import dev.envy.core.protocol.Response;

/** One client connection as the loop sees it: streamed frames, then one final reply. */
public interface ClientChannel {

    void stream(Response response);

    /** Sends the final response and closes the connection. */
    void reply(Response response);
}

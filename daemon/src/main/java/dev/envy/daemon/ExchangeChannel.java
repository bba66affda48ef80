package dev.envy.daemon;

import dev.envy.core.protocol.Response;
import dev.envy.daemon.loop.ClientChannel;
import dev.envy.daemon.server.Exchange;

/** The loop's client channel on the socket server's {@link Exchange}. */
record ExchangeChannel(Exchange exchange) implements ClientChannel {
    @Override
    public void stream(Response response) {
        exchange.stream(response);
    }

    @Override
    public void reply(Response response) {
        exchange.reply(response);
    }
}

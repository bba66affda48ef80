package dev.envy.daemon.loop;

import java.io.IOException;
import java.util.function.Consumer;

/** RD-1: the edge to sd_notify sockets, one per spawned process of a {@code readiness.notify} service. */
public interface NotifyPort {

    /** Binds a fresh socket for the next process of {@code service}; datagrams sent before {@link Socket#listen} wait in it. */
    Socket open(String service) throws IOException;

    /** One bound notify socket. */
    interface Socket extends AutoCloseable {
        /** The {@code NOTIFY_SOCKET} value: a path, or {@code @name} for Linux's abstract namespace. */
        String address();

        /** Hands every datagram (as text) to {@code datagrams}, in arrival order, on a thread of the socket's own. */
        void listen(Consumer<String> datagrams);

        /** Stops receiving and removes the socket; idempotent. */
        @Override
        void close();
    }
}

package dev.envy.daemon.loop;

import dev.envy.core.lifecycle.Event;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open client exchanges by request id. A connection thread {@link #accept}s a request (it becomes a
 * {@link Event.ClientRequest}); the loop {@link #take}s the channel to send the final reply. A client that hangs up
 * before its reply becomes a {@link Event.ClientGone}. Once the daemon is exiting, requests are answered
 * {@link Response.ShuttingDown} at once (CS-7).
 */
public final class Clients {
    private final EventQueue queue;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Open> open = new ConcurrentHashMap<>();

    public Clients(EventQueue queue) {
        this.queue = queue;
    }

    /** An accepted request and where its answers go. */
    public record Open(Request request, ClientChannel channel) {}

    /**
     * Hands a request to the loop. Returns the hang-up callback to run when the connection closes (a no-op once the
     * request has had its final reply).
     */
    public Runnable accept(Request request, ClientChannel channel) {
        long id = ids.incrementAndGet();
        open.put(id, new Open(request, channel));
        if (!queue.post(new Event.ClientRequest(id, request))) {
            open.remove(id);
            channel.reply(new Response.ShuttingDown());
            return () -> { };
        }
        return () -> {
            if (open.remove(id) != null) {
                queue.post(new Event.ClientGone(id));
            }
        };
    }

    /** The still-open exchange of {@code requestId}, left open (for streaming). */
    public Optional<Open> find(long requestId) {
        return Optional.ofNullable(open.get(requestId));
    }

    /** Removes and returns the exchange of {@code requestId} (for its final reply). */
    public Optional<Open> take(long requestId) {
        return Optional.ofNullable(open.remove(requestId));
    }

    /** Answers every exchange still open with {@code response}: nothing accepted is left without a reply. */
    public int answerAll(Response response) {
        List<Long> ids = List.copyOf(open.keySet());
        int n = 0;
        for (long id : ids) {
            Open o = open.remove(id);
            if (o != null) {
                try {
                    o.channel().reply(response);
                } catch (RuntimeException ignored) {
                    // the client is gone; nothing more to tell it
                }
                n++;
            }
        }
        return n;
    }
}

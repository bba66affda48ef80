package dev.envy.daemon.server;

import dev.envy.core.protocol.Codec;
import dev.envy.core.protocol.Frames;
import dev.envy.core.protocol.Protocol;
import dev.envy.core.protocol.Response;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/** The {@link Exchange} of one accepted connection. */
final class SocketExchange implements Exchange {

    private static final System.Logger LOG = System.getLogger(SocketExchange.class.getName());

    private final OutputStream out;
    private final Closeable connection;
    private final List<Runnable> onClose = new ArrayList<>();
    private boolean replied;
    private boolean closed;

    SocketExchange(OutputStream out, Closeable connection) {
        this.out = out;
        this.connection = connection;
    }

    @Override
    public boolean stream(Response response) {
        if (Protocol.isFinal(response)) {
            throw new IllegalArgumentException(response.tag() + " is a final response: use reply()");
        }
        return send(response, false);
    }

    @Override
    public boolean reply(Response response) {
        if (!Protocol.isFinal(response)) {
            throw new IllegalArgumentException(response.tag() + " is streamed: use stream()");
        }
        return send(response, true);
    }

    private boolean send(Response response, boolean last) {
        byte[] payload = Codec.encode(response);
        synchronized (this) {
            if (closed) {
                return false;
            }
            try {
                Frames.write(out, payload);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "client went away while sending " + response.tag(), e);
                ended();
                return false;
            }
            if (!last) {
                return true;
            }
            replied = true;
            closed = true;
        }
        closeQuietly();
        return true;
    }

    @Override
    public synchronized boolean isOpen() {
        return !closed;
    }

    @Override
    public void onClose(Runnable action) {
        synchronized (this) {
            if (!closed) {
                onClose.add(action);
                return;
            }
            if (replied) {
                return;
            }
        }
        action.run();
    }

    /** The connection ended (hang-up, failed write, server close): runs the close actions unless a reply was sent. */
    void ended() {
        List<Runnable> actions;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            actions = List.copyOf(onClose);
            onClose.clear();
        }
        closeQuietly();
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a close action failed", e);
            }
        }
    }

    private void closeQuietly() {
        try {
            connection.close();
        } catch (IOException ignored) {
            // closing a socket that is already gone
        }
    }
}

package dev.envy.daemon.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The tcp checks (readiness and liveness): does {@code host:port} accept a connection within the timeout?
 *
 * <p>A check costs one non-blocking connect on the caller's thread: to a local port (the usual case) the kernel
 * accepts or refuses it before {@code connect} returns, so the check ends there, with no other thread woken and
 * nothing scheduled for its timeout. Only a connect still under way (a remote or filtered address) and a host name to
 * resolve (which may block) go to the one selector thread, which ends each at its completion or its deadline. That
 * thread is started on first need and waits in {@code select} between checks.
 */
final class TcpConnects implements AutoCloseable {

    /** A connect the selector thread finishes; {@code channel} is null until it is opened (a host name to resolve). */
    private static final class Pending {
        final String host;
        final int port;
        final long deadline;
        final CompletableFuture<Boolean> result = new CompletableFuture<>();
        SocketChannel channel;

        Pending(SocketChannel channel, String host, int port, long deadline) {
            this.channel = channel;
            this.host = host;
            this.port = port;
            this.deadline = deadline;
        }

        void end(boolean connected) {
            close(channel);
            result.complete(connected);
        }
    }

    private final Queue<Pending> handedOver = new ConcurrentLinkedQueue<>();
    /** The connects under way, the selector thread's alone. */
    private final List<Pending> waiting = new ArrayList<>();
    private Selector selector;
    private Thread thread;
    private boolean closed;

    /** Completes with whether {@code host:port} accepted a connection within {@code timeout}; never exceptionally. */
    CompletableFuture<Boolean> connect(String host, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        InetAddress literal = literal(host);
        SocketChannel channel = null;
        if (literal != null) {
            try {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                if (channel.connect(new InetSocketAddress(literal, port)) || channel.finishConnect()) {
                    close(channel);
                    return CompletableFuture.completedFuture(true);
                }
            } catch (IOException | RuntimeException e) {
                close(channel);
                return CompletableFuture.completedFuture(false); // refused at once
            }
        }
        Pending p = new Pending(channel, host, port, deadline); // under way, or a name to resolve
        handOver(p);
        return p.result;
    }

    /** {@code host} as an address if it is an IP literal (nothing to resolve), else null. */
    private static InetAddress literal(String host) {
        try {
            return InetAddress.ofLiteral(host);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private void handOver(Pending p) {
        Selector s;
        synchronized (this) {
            if (closed) {
                p.end(false);
                return;
            }
            if (thread == null) {
                try {
                    selector = Selector.open();
                } catch (IOException e) {
                    p.end(false);
                    return;
                }
                thread = new Thread(this::run, "envy-tcp-checks");
                thread.setDaemon(true);
                thread.start();
            }
            s = selector;
            handedOver.add(p); // under the lock: a close after this finds it (the thread drains the queue last)
        }
        s.wakeup();
    }

    private void run() {
        Selector s;
        synchronized (this) {
            s = selector;
        }
        try {
            while (s.isOpen()) {
                s.select(this::finish, millisToNearestDeadline());
                Pending p;
                while ((p = handedOver.poll()) != null) {
                    begin(s, p);
                }
                expire();
            }
        } catch (IOException | ClosedSelectorException e) {
            // closed: every check still under way ends as failed
        }
        waiting.forEach(p -> p.end(false));
        waiting.clear();
        Pending p;
        while ((p = handedOver.poll()) != null) {
            p.end(false);
        }
    }

    private void begin(Selector s, Pending p) {
        try {
            if (p.channel == null) {
                p.channel = SocketChannel.open();
                p.channel.configureBlocking(false);
                if (p.channel.connect(new InetSocketAddress(p.host, p.port)) || p.channel.finishConnect()) {
                    p.end(true);
                    return;
                }
            }
            p.channel.register(s, SelectionKey.OP_CONNECT, p);
            waiting.add(p);
        } catch (IOException | RuntimeException e) {
            p.end(false);
        }
    }

    private void finish(SelectionKey key) {
        Pending p = (Pending) key.attachment();
        boolean connected;
        try {
            connected = p.channel.finishConnect();
        } catch (IOException e) {
            connected = false;
        }
        if (connected || !p.channel.isConnectionPending()) {
            waiting.remove(p);
            p.end(connected); // closing the channel cancels its key
        }
    }

    private void expire() {
        long now = System.nanoTime();
        waiting.removeIf(p -> {
            if (now - p.deadline >= 0) {
                p.end(false);
                return true;
            }
            return false;
        });
    }

    /** How long select may wait: until the nearest deadline (at least 1 ms), or indefinitely (0) with none. */
    private long millisToNearestDeadline() {
        long now = System.nanoTime();
        long nearest = Long.MAX_VALUE;
        for (Pending p : waiting) {
            nearest = Math.min(nearest, Math.max(0, p.deadline - now));
        }
        return nearest == Long.MAX_VALUE ? 0 : Duration.ofNanos(nearest).toMillis() + 1;
    }

    private static void close(java.nio.channels.Channel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a check's socket cannot fail in a way that matters
            }
        }
    }

    /** Ends every check under way as failed; later checks fail at once. */
    @Override
    public void close() {
        Selector s;
        synchronized (this) {
            closed = true;
            s = selector;
        }
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}

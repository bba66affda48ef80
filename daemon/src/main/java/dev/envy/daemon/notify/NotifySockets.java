package dev.envy.daemon.notify;

import dev.envy.core.lifecycle.NotifyMessage;
import dev.envy.daemon.loop.NotifyPort;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * RD-1: sd_notify sockets. Each process of a {@code readiness.notify} service gets a datagram socket of its own,
 * {@code DIR/N} in the daemon's runtime dir (0700, so only the same user can send to it; systemd's
 * {@code NotifyAccess=all}), bound before the process is spawned so that nothing it sends early is lost. Where that
 * path would not fit a {@code sockaddr_un} (108 bytes) the socket goes to Linux's abstract namespace instead
 * ({@code @envy-notify-PID-N}), which every client library understands.
 *
 * <p>Each socket has one thread blocked in {@code recv}: no timer, no polling, so an idle socket costs nothing.
 */
public final class NotifySockets implements NotifyPort {

    /** The longest path a {@code sockaddr_un} holds, less its terminating NUL. */
    static final int MAX_PATH_BYTES = 107;

    private final Path dir;
    private final Consumer<String> warn;
    private final AtomicLong counter = new AtomicLong();

    /** Sockets go to {@code dir} (created when first needed); {@code warn} hears of a socket that failed while receiving. */
    public NotifySockets(Path dir, Consumer<String> warn) {
        this.dir = dir;
        this.warn = warn;
    }

    @Override
    public NotifyPort.Socket open(String service) throws IOException {
        long n = counter.incrementAndGet();
        Path path = dir.resolve(Long.toString(n));
        AFUNIXDatagramChannel channel = AFUNIXDatagramChannel.open();
        try {
            if (path.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_PATH_BYTES) {
                Files.createDirectories(dir);
                Files.deleteIfExists(path);
                channel.bind(AFUNIXSocketAddress.of(path));
                return new Bound(service, channel, path.toString(), path);
            }
            String name = "envy-notify-" + ProcessHandle.current().pid() + "-" + n;
            channel.bind(AFUNIXSocketAddress.inAbstractNamespace(name));
            return new Bound(service, channel, "@" + name, null);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private final class Bound implements NotifyPort.Socket {
        private final String service;
        private final AFUNIXDatagramChannel channel;
        private final String address;
        private final Path file;
        private final AtomicBoolean closed = new AtomicBoolean();

        Bound(String service, AFUNIXDatagramChannel channel, String address, Path file) {
            this.service = service;
            this.channel = channel;
            this.address = address;
            this.file = file;
        }

        @Override
        public String address() {
            return address;
        }

        @Override
        public void listen(Consumer<String> datagrams) {
            Thread.ofPlatform().daemon().name("envy-notify-" + service).start(() -> receive(datagrams));
        }

        private void receive(Consumer<String> datagrams) {
            ByteBuffer buffer = ByteBuffer.allocate(NotifyMessage.MAX_BYTES);
            while (!closed.get()) {
                buffer.clear();
                try {
                    channel.receive(buffer); // the sender's address is null for an unbound client socket: not needed
                } catch (ClosedChannelException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    if (!closed.get()) {
                        warn.accept("the notify socket of " + service + " failed: " + e.getMessage());
                    }
                    return;
                }
                if (buffer.position() == 0 || closed.get()) {
                    continue; // an empty datagram, or woken by close()
                }
                buffer.flip();
                datagrams.accept(StandardCharsets.UTF_8.decode(buffer).toString());
            }
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing a datagram socket cannot fail in a way that matters
                }
                if (file != null) {
                    try {
                        Files.deleteIfExists(file);
                    } catch (IOException ignored) {
                        // the runtime dir is removed with the daemon's other files
                    }
                }
            }
        }
    }
}

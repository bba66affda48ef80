package dev.envy.daemon.loop;

import dev.envy.core.protocol.Response;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * TV-1: sends the frames of watches ({@code envy attach}, {@code envy up}'s view) off the event loop, newest first: a
 * watcher that reads slowly, or not at all (a stopped terminal), gets the latest state when it reads again, the states
 * in between are skipped, and the loop never waits for it. A watch's final answer goes out after its last frame.
 */
final class WatchDelivery {
    private final Map<Long, Sender> senders = new ConcurrentHashMap<>();
    /** One party per sender thread at work, so that the daemon's exit can let the last answers out first. */
    private final Phaser sending = new Phaser(1);

    /** Sends {@code frame} to the watch {@code requestId} soon, replacing a frame still waiting for it. */
    void stream(long requestId, ClientChannel channel, Response frame) {
        senders.computeIfAbsent(requestId, id -> new Sender(channel, sending)).offer(frame, false);
    }

    /** Sends the watch's final answer after whatever frame is waiting, and forgets the watch. */
    void reply(long requestId, ClientChannel channel, Response answer) {
        Sender sender = senders.remove(requestId);
        (sender == null ? new Sender(channel, sending) : sender).offer(answer, true);
    }

    /**
     * Waits until every frame and answer handed over so far has been written, or {@code deadline} passed (a watcher
     * that does not read must not keep the daemon from exiting). Called once, as the daemon exits, before it closes
     * its sockets.
     */
    void flush(Duration deadline) throws InterruptedException {
        int phase = sending.arrive();
        try {
            sending.awaitAdvanceInterruptibly(phase, deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stuck) {
            // a watcher that stopped reading: it loses its last state, the exit goes on
        }
    }

    private static final class Sender {
        private final ClientChannel channel;
        private final Phaser sending;
        private Response pending;
        private Response last;
        private boolean busy;

        Sender(ClientChannel channel, Phaser sending) {
            this.channel = channel;
            this.sending = sending;
        }

        synchronized void offer(Response response, boolean isLast) {
            if (isLast) {
                last = response;
            } else {
                pending = response;
            }
            if (!busy) {
                busy = true;
                sending.register();
                Thread.ofVirtual().name("envy-watch-sender").start(this::drain);
            }
        }

        private void drain() {
            while (true) {
                Response frame;
                boolean isLast = false;
                synchronized (this) {
                    frame = pending;
                    pending = null;
                    if (frame == null && last != null) {
                        frame = last;
                        last = null;
                        isLast = true;
                    }
                    if (frame == null) {
                        busy = false;
                        sending.arriveAndDeregister();
                        return;
                    }
                }
                try {
                    if (isLast) {
                        channel.reply(frame);
                    } else {
                        channel.stream(frame);
                    }
                } catch (RuntimeException gone) {
                    // the watcher hung up; the loop hears of it as ClientGone
                }
            }
        }
    }
}

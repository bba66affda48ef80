package dev.envy.daemon.loop;

import dev.envy.core.protocol.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TV-1: a watcher that does not read never holds up the loop, and gets the newest state, then its answer. */
class WatchDeliveryTest {

    private static Response.StatusChanged state(int activations) {
        return new Response.StatusChanged(new Response.StatusReport(List.of(), false, activations, false));
    }

    /** A client whose first frame blocks until released, as a full socket would. */
    private static final class StuckClient implements ClientChannel {
        final CountDownLatch writing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch replied = new CountDownLatch(1);
        final List<Response> sent = new CopyOnWriteArrayList<>();

        @Override
        public void stream(Response response) {
            writing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sent.add(response);
        }

        @Override
        public void reply(Response response) {
            sent.add(response);
            replied.countDown();
        }
    }

    @Test
    void aStuckWatcherGetsTheNewestStateThenItsAnswerAndNeverBlocksTheCaller() throws InterruptedException {
        WatchDelivery delivery = new WatchDelivery();
        StuckClient client = new StuckClient();

        long began = System.nanoTime();
        delivery.stream(7, client, state(1)); // taken at once, stuck in the write
        assertTrue(client.writing.await(10, TimeUnit.SECONDS), "the first frame is being written");
        delivery.stream(7, client, state(2));
        delivery.stream(7, client, state(3));
        delivery.reply(7, client, new Response.ShuttingDown());
        assertTrue(System.nanoTime() - began < Duration.ofSeconds(5).toNanos(), "the caller did not wait");

        client.release.countDown();
        delivery.flush(Duration.ofSeconds(10));
        assertEquals(0, client.replied.getCount(), "flush returns once the answer is out");
        assertEquals(List.of(state(1), state(3), new Response.ShuttingDown()), client.sent,
                "state 2 was skipped for the newer 3; the answer came last");
    }

    @Test
    void flushGivesUpOnAWatcherThatNeverReads() throws InterruptedException {
        WatchDelivery delivery = new WatchDelivery();
        StuckClient client = new StuckClient();
        delivery.stream(7, client, state(1));
        assertTrue(client.writing.await(10, TimeUnit.SECONDS));

        long began = System.nanoTime();
        delivery.flush(Duration.ofMillis(200));
        assertTrue(System.nanoTime() - began < Duration.ofSeconds(5).toNanos(), "the exit is not held up");
        client.release.countDown();
    }
}

package dev.envy.daemon.loop;

import dev.envy.core.lifecycle.Event;
import dev.envy.core.lifecycle.TimerKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduledTimersTest {

    static final TimerKey KEY = new TimerKey(TimerKey.Kind.LIVENESS, "api", 1);
    final EventQueue queue = new EventQueue();
    final ScheduledTimers timers = new ScheduledTimers(queue);

    @AfterEach
    void tearDown() {
        timers.close();
    }

    @Test
    void aTimerWithAnActionRunsItWhenDueAndPostsNothing() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        String[] thread = new String[1];
        timers.run(KEY, Duration.ofMillis(20), () -> {
            thread[0] = Thread.currentThread().getName();
            ran.countDown();
        });
        assertTrue(ran.await(10, TimeUnit.SECONDS), "the action ran");
        assertEquals("envy-timers", thread[0]);
        assertEquals(0, queue.size(), "no TimerFired for a timer that carries its own action");
    }

    @Test
    void cancellingOrSchedulingTheKeyAgainDropsThePendingAction() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        timers.run(KEY, Duration.ofMillis(50), runs::incrementAndGet);
        timers.cancel(KEY);
        timers.run(KEY, Duration.ofMillis(50), runs::incrementAndGet);
        timers.schedule(KEY, Duration.ofMillis(50)); // replaces the action with a plain timer
        Optional<Event> fired = queue.next(Duration.ofSeconds(10));
        assertEquals(Optional.of(new Event.TimerFired(KEY)), fired);
        // the earlier ones were due first on the same single thread, so they have had their turn by now
        assertEquals(0, runs.get(), "neither the cancelled nor the replaced action ran");
    }
}

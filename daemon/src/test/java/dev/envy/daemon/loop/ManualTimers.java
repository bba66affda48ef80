package dev.envy.daemon.loop;

import dev.envy.core.lifecycle.Event;
import dev.envy.core.lifecycle.TimerKey;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** TimerPort driven by the test: {@link #advance} fires every timer that is due, in due order. */
final class ManualTimers implements TimerPort {
    private final EventQueue queue;
    private final Map<TimerKey, Duration> due = new LinkedHashMap<>();
    private final Map<TimerKey, Runnable> actions = new HashMap<>();
    private Duration now = Duration.ZERO;
    boolean closed;

    ManualTimers(EventQueue queue) {
        this.queue = queue;
    }

    @Override
    public void schedule(TimerKey key, Duration after) {
        run(key, after, () -> queue.post(new Event.TimerFired(key)));
    }

    @Override
    public void run(TimerKey key, Duration after, Runnable action) {
        due.put(key, now.plus(after));
        actions.put(key, action);
    }

    @Override
    public void cancel(TimerKey key) {
        due.remove(key);
        actions.remove(key);
    }

    void advance(Duration by) {
        now = now.plus(by);
        due.entrySet().stream().filter(e -> e.getValue().compareTo(now) <= 0)
                .sorted(Map.Entry.comparingByValue()).map(Map.Entry::getKey).toList()
                .forEach(key -> {
                    due.remove(key);
                    actions.remove(key).run();
                });
    }

    boolean isScheduled(TimerKey key) {
        return due.containsKey(key);
    }

    @Override
    public void close() {
        closed = true;
        due.clear();
        actions.clear();
    }
}

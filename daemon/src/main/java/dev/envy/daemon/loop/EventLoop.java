package dev.envy.daemon.loop;

import dev.envy.core.lifecycle.Effect;
import dev.envy.core.lifecycle.Event;
import dev.envy.core.lifecycle.SupervisorState;
import dev.envy.core.lifecycle.Transition;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * The daemon's single decision thread: takes {@link Event}s from the {@link EventQueue}, feeds each to the
 * {@link StateMachine} with the current time and carries out the resulting effects in order. Every decision — and so
 * every race of the behaviour contract — is made here, one event at a time. Ends after carrying out
 * {@link Effect.ExitDaemon}.
 */
public final class EventLoop {
    private final EventQueue queue;
    private final StateMachine machine;
    private final EffectExecutor executor;
    private final InstantSource clock;
    private final LogSink log;
    private final EventLog eventLog;
    private SupervisorState state;
    private boolean exited;

    public EventLoop(EventQueue queue, StateMachine machine, EffectExecutor executor, InstantSource clock,
                     LogSink log) {
        this.queue = queue;
        this.machine = machine;
        this.executor = executor;
        this.clock = clock;
        this.log = log;
        this.eventLog = new EventLog(log);
    }

    /** Carries out the supervisor's first transition, then serves events until the daemon exits. */
    public void run(Transition initial) throws InterruptedException {
        apply(initial);
        while (!exited) {
            Optional<Event> next = queue.poll();
            if (next.isEmpty()) {
                executor.persistNow();
                next = queue.next(Duration.ofSeconds(60));
            }
            if (next.isPresent()) {
                handle(next.get());
            }
        }
    }

    /** Handles every event queued right now (for tests that drive the loop step by step); false once exited. */
    public boolean drain() {
        Optional<Event> next;
        while (!exited && (next = queue.poll()).isPresent()) {
            handle(next.get());
        }
        executor.persistNow();
        return !exited;
    }

    /** Carries out a transition without an event (the supervisor's first one). */
    public void apply(Transition transition) {
        state = transition.state();
        executor.executeAll(transition.effects());
        if (transition.effects().stream().anyMatch(e -> e instanceof Effect.ExitDaemon)) {
            exited = true;
        }
    }

    private void handle(Event event) {
        eventLog.record(event);
        Transition next;
        try {
            next = machine.step(state, event, clock.instant());
        } catch (RuntimeException e) {
            log.error("the supervisor failed on " + event.getClass().getSimpleName() + "; event ignored", e);
            return;
        }
        eventLog.decided(event, state, next);
        apply(next);
    }

    public boolean exited() {
        return exited;
    }

    public SupervisorState state() {
        return state;
    }
}

package dev.envy.daemon.loop;

import dev.envy.core.lifecycle.Event;
import dev.envy.core.lifecycle.Supervisor;
import dev.envy.core.lifecycle.SupervisorState;
import dev.envy.core.lifecycle.Transition;

import java.time.Instant;

/** The decision function the loop feeds: the pure {@link Supervisor} in the daemon, a scripted one in loop tests. */
@FunctionalInterface
public interface StateMachine {

    Transition step(SupervisorState state, Event event, Instant now);

    /** The real one. */
    StateMachine SUPERVISOR = Supervisor::step;
}

package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Manifest;

import java.time.Instant;
import java.util.Map;

/** The pure state machine of one environment: {@code (State, Event) -> (State, List<Effect>)}, time passed in. */
public final class Supervisor {
    private Supervisor() {
    }

    /** A freshly started daemon's state for {@code manifest}, with its first effects (e.g. the idle timer). */
    public static Transition start(Manifest manifest, Map<String, Map<String, String>> environments, Instant now) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Feeds one event; never throws for any state × event pair. */
    public static Transition step(SupervisorState state, Event event, Instant now) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}

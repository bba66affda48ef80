package dev.envy.core.lifecycle;

import java.util.List;

/** The result of feeding one event to the supervisor: the next state and the effects to carry out, in order. */
public record Transition(SupervisorState state, List<Effect> effects) {
    public Transition {
        effects = List.copyOf(effects);
    }
}

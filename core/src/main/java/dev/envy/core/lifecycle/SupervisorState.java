package dev.envy.core.lifecycle;

/** Placeholder: the supervisor's immutable state (owned by core/lifecycle; replaced by its real definition). */
public record SupervisorState() {
}

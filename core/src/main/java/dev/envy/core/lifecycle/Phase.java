package dev.envy.core.lifecycle;

/** The daemon's life: serving requests, tearing everything down (exactly once), or done. */
public enum Phase {
    SERVING,
    /** Stopping every service; every new request is answered {@code shutting-down}. */
    TEARING_DOWN,
    /** {@link Effect.ExitDaemon} was emitted; nothing happens any more. */
    EXITED
}

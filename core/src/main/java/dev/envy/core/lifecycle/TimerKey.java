package dev.envy.core.lifecycle;

/**
 * Names one timer. {@code subject} is a service name (or a request id in decimal for {@link Kind#REQUEST}, empty for
 * {@link Kind#IDLE}); {@code generation} lets the supervisor ignore a timer that belongs to an earlier process.
 */
public record TimerKey(Kind kind, String subject, long generation) {
    public enum Kind {
        /** stop-timeout expired: SIGKILL the tree. */
        STOP_TIMEOUT,
        /** readiness.timeout expired: the start failed. */
        READINESS_TIMEOUT,
        /** restart backoff elapsed: spawn again. */
        BACKOFF,
        /** a waiting request's --timeout expired: answer with what is not yet up. */
        REQUEST,
        /** a freshly started daemon got no activation or hold in time: exit. */
        IDLE,
        /** ST-10: a service without a readiness check has stayed up for the settle window. */
        SETTLE,
        /** AC-9: a pending in-place activation (subject: its token) was not claimed by its shell in time. */
        CLAIM,
        /**
         * RD-3: the next liveness check of the service's current process ({@link Effect.CheckLiveness} waits under
         * it, and runs itself when due: no {@code TimerFired} of this kind is posted).
         */
        LIVENESS,
        /** RD-2: the service's current process sent no {@code WATCHDOG=1} for its {@code watchdog} duration. */
        WATCHDOG,
        /** WT-1: a burst of changes under the service's watched paths is over (generation 0: spans processes). */
        PATHS_CHANGED
    }
}

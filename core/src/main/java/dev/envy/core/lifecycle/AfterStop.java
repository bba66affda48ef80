package dev.envy.core.lifecycle;

/** What becomes of a {@code stopping} service once its process has exited. */
public enum AfterStop {
    /** {@code stopped}: a stop request, a teardown. */
    STAY_STOPPED,
    /** {@code waiting} again: a restart, or a reload that changed its definition. */
    START,
    /** {@code failed}, keeping its message: the readiness check timed out. */
    FAIL,
    /**
     * As an exit by itself that failed, handled by its restart policy ({@code backoff}, or {@code failed} keeping its
     * message): RD-2's watchdog and RD-3's liveness killed it.
     */
    APPLY_POLICY,
    /** Forgotten: a reload removed it from the manifest. */
    FORGET
}

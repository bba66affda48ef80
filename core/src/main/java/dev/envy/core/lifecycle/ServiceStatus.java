package dev.envy.core.lifecycle;

import java.util.Locale;

/**
 * STA-2: the status of one service, a closed set.
 *
 * <ul>
 *   <li>{@code not-started}: never started since the daemon began (or since it was added by a reload).</li>
 *   <li>{@code waiting}: asked to start; waits until each dependency meets its condition.</li>
 *   <li>{@code blocked}: asked to start, but a dependency failed, was blocked or was stopped first; not started.</li>
 *   <li>{@code starting}: spawn asked for, or spawned with a readiness check that has not passed yet.</li>
 *   <li>{@code running}: spawned and not exited; ready (its check passed, or it has none).</li>
 *   <li>{@code stopping}: envy is stopping it (waiting for its dependents, signalled, or shutdown command running).</li>
 *   <li>{@code stopped}: stopped by envy (request, teardown, reload); shows the signal envy sent.</li>
 *   <li>{@code completed}: exited 0 by itself.</li>
 *   <li>{@code failed}: exited non-zero or by a signal envy did not send, could not be spawned, timed out
 *       waiting for readiness, or its restart policy gave up.</li>
 *   <li>{@code backoff}: exited, and its restart policy restarts it after a delay.</li>
 * </ul>
 */
public enum ServiceStatus {
    NOT_STARTED, WAITING, BLOCKED, STARTING, RUNNING, STOPPING, STOPPED, COMPLETED, FAILED, BACKOFF;

    /** The word shown to users and sent on the wire ({@code not-started}). */
    public String word() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Asked to be up and not finished with that: waiting, starting, running, backoff (or stopping, see below). */
    public boolean isUp() {
        return switch (this) {
            case WAITING, STARTING, RUNNING, BACKOFF -> true;
            case NOT_STARTED, BLOCKED, STOPPING, STOPPED, COMPLETED, FAILED -> false;
        };
    }
}

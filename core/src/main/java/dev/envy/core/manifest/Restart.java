package dev.envy.core.manifest;

import java.time.Duration;

/**
 * What happens after a service's process exits by itself (STA-7).
 *
 * @param policy      {@code restart} (default {@code no})
 * @param delay       {@code restart-delay}: the first back-off, doubled for each restart in a row (default 1 s)
 * @param maxRestarts {@code max-restarts}: restarts in a row before the service is {@code failed} (default 5)
 */
public record Restart(RestartPolicy policy, Duration delay, int maxRestarts) {

    public static final Restart DEFAULT = new Restart(RestartPolicy.NO, Duration.ofSeconds(1), 5);

    /** {@code policy} with the default delay and limit. */
    public static Restart of(RestartPolicy policy) {
        return new Restart(policy, DEFAULT.delay(), DEFAULT.maxRestarts());
    }
}

package dev.envy.core.manifest;

import java.time.Duration;

/**
 * RD-3, {@code liveness.*} of a service: a health check run after the service is ready, every {@code period}, each
 * attempt bounded by {@code timeout}; {@code failureThreshold} failures in a row make the service {@code unhealthy}.
 * The check is one of readiness's kinds that can be asked again and again: {@code command}, {@code http}, {@code tcp}
 * (a {@link Readiness.Pending} until its {@code ${NAME}}s are resolved).
 */
public record Liveness(Readiness.Check check, Duration period, Duration timeout, Duration initialDelay,
                       int failureThreshold) {

    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(5);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    public static final int DEFAULT_FAILURE_THRESHOLD = 3;

    public static Liveness of(Readiness.Check check) {
        return new Liveness(check, DEFAULT_PERIOD, DEFAULT_TIMEOUT, Duration.ZERO, DEFAULT_FAILURE_THRESHOLD);
    }

    /** The same settings with {@code resolved} as the check. */
    public Liveness withCheck(Readiness.Check resolved) {
        return new Liveness(resolved, period, timeout, initialDelay, failureThreshold);
    }
}

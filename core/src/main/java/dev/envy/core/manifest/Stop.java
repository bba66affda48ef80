package dev.envy.core.manifest;

import java.time.Duration;
import java.util.Optional;

/**
 * How a service is stopped (SP-5): its {@code stop-signal} is sent to the process group — or, where it has one, its
 * {@code shutdown.command} runs instead — and whatever is left of its tree is SIGKILLed after {@code stop-timeout}.
 *
 * @param signal          {@code stop-signal} (default TERM)
 * @param timeout         {@code stop-timeout} (default 10 s)
 * @param shutdownCommand {@code shutdown.command}, run by bash in the service's environment instead of the signal
 */
public record Stop(Signal signal, Duration timeout, Optional<String> shutdownCommand) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final Stop DEFAULT = new Stop(Signal.TERM, DEFAULT_TIMEOUT, Optional.empty());
}

package dev.envy.host.client;

import dev.envy.core.protocol.Request;

import java.time.Duration;
import java.util.Optional;

/**
 * How long a command waits for the daemon's final answer before it gives up with an error naming what it waited for
 * (style: every wait has a deadline). A request the daemon answers by its own deadline ({@code --timeout} of
 * {@code up} and {@code services start}) gets that plus {@link #GRACE}: the daemon's own answer (what is not up yet)
 * always comes first, and the CLI only gives up on a daemon that stopped answering. Requests whose length the CLI
 * cannot bound (a stop waits for each service's {@code stop-timeout}, {@code logs -f} streams until interrupted) have
 * none.
 */
public final class ReplyDeadline {
    /** What a daemon that keeps its own deadline can take on top of it: {@link Deadlines#replyGrace()}. */
    public static final Duration GRACE = Deadlines.DEFAULT.replyGrace();

    private ReplyDeadline() {
    }

    public static Optional<Duration> of(Request request) {
        return switch (request) {
            case Request.Up u -> bounded(u.await(), u.timeoutMillis());
            case Request.Start s -> bounded(s.await(), s.timeoutMillis());
            case Request.Wait w -> bounded(true, w.timeoutMillis());
            default -> Optional.empty();
        };
    }

    private static Optional<Duration> bounded(boolean await, long timeoutMillis) {
        return !await ? Optional.of(GRACE)
                : timeoutMillis > 0 ? Optional.of(Duration.ofMillis(timeoutMillis).plus(GRACE)) : Optional.empty();
    }
}

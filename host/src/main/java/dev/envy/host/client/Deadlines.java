package dev.envy.host.client;

import java.time.Duration;
import java.util.Locale;

/**
 * Every deadline of the daemon client, in one place (style: every wait has a deadline, and every deadline's expiry
 * says what was waited for). The defaults are one coherent set:
 *
 * <ul>
 *   <li>{@link #start}, 30 s: finding or starting the daemon, including waiting for another starter's
 *       {@code start.lock}, a cold daemon JVM's start-up and its {@code Hello}. A cold daemon answers in well under a
 *       second; 30 s allows for a machine that is busy building.</li>
 *   <li>{@link #hello}, 10 s: the handshake with a daemon that is already running.</li>
 *   <li>{@link #shutdown}, 60 s: how long a daemon that answered {@code shutting-down} may take to go. It stops every
 *       service first, each within its {@code stop-timeout} (default 10 s), so this is longer than a start.</li>
 *   <li>{@link #exitGrace}, 5 s: a daemon that dropped a connection instead of answering (it was exiting) must have
 *       released its lock within this, or the drop is reported as an error.</li>
 *   <li>{@link #replyGrace}, 30 s: what a command that gives the daemon its own deadline ({@code --timeout} of
 *       {@code up} and {@code services start}) adds to it before it gives up on a daemon that stopped answering
 *       ({@link ReplyDeadline}).</li>
 *   <li>{@link #attempts}, 3: a request answered {@code shutting-down} (or dropped by an exiting daemon) is sent again
 *       to the next daemon, at most this many times in all.</li>
 * </ul>
 *
 * Tests pass shorter ones; nothing else overrides them.
 */
public record Deadlines(Duration start, Duration hello, Duration shutdown, Duration exitGrace, Duration replyGrace,
                        int attempts) {

    public static final Deadlines DEFAULT = new Deadlines(Duration.ofSeconds(30), Duration.ofSeconds(10),
            Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(30), 3);

    /** How often a client looks again at a lock, a socket or a process it waits for. */
    static final Duration POLL = Duration.ofMillis(10);

    /** How long {@code bash} may take to fork a detached process and print its pid ({@link Detached}). */
    static final Duration DETACH = Duration.ofSeconds(10);

    /** The same deadlines with another {@link #start}. */
    public Deadlines withStart(Duration start) {
        return new Deadlines(start, hello, shutdown, exitGrace, replyGrace, attempts);
    }

    /** A duration as the client's messages say it: {@code 30 s}, {@code 0.5 s}. */
    public static String words(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}

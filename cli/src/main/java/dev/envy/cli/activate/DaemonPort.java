package dev.envy.cli.activate;

import dev.envy.core.protocol.Response;

import java.util.function.Consumer;

/** What an activation needs from the environment's daemon (AC-2, AC-3); implemented over the daemon client. */
public interface DaemonPort {

    /** CS-9: whether a daemon holds the environment's lock, without talking to it. */
    boolean running();

    /**
     * AC-3: registers process {@code pid} (start time {@code startTime}) as an activation, starting a daemon first
     * if none is running; an attach answered {@code shutting-down} waits for that daemon to go and retries against
     * a fresh one (AC-5).
     */
    void attach(long pid, long startTime) throws Unavailable;

    /**
     * AC-9: registers a pending in-place activation, {@code token}, starting a daemon first if none is running (as
     * {@link #attach}), and returns the file its shell claims it by: the shell writes its PID and a newline there.
     */
    java.nio.file.Path expect(String token) throws Unavailable;

    /** AC-2: starts every autostart service and waits until each is running/ready or failed. */
    Response start(Consumer<Response.Progress> progress) throws Unavailable;

    /** PT-1: what the running daemon says of every service (their allocated ports); empty when none answers. */
    default java.util.List<dev.envy.core.protocol.ServiceView> services() {
        return java.util.List.of();
    }

    /** The daemon could not be reached or started (exit 3), with the sentence to show. */
    final class Unavailable extends Exception {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

package dev.envy.core.protocol;

import java.util.List;

/**
 * What a client asks the daemon. One request per exchange, after a {@link Hello}; the daemon answers with zero or
 * more {@link Response.Progress} frames and then exactly one final response.
 * The wire tag of each record is its {@link #tag()}; the set is closed so every side handles every message.
 */
public sealed interface Request {

    /** The explicit wire tag of this message type. */
    String tag();

    /** First frame of every connection. */
    record Hello(int protocolVersion, String clientVersion) implements Request {
        public String tag() { return "hello"; }
    }

    /** ST-*: start the named services (all autostart ones when empty) and their dependencies. */
    record Start(List<String> names, boolean await, long timeoutMillis) implements Request {
        public Start { names = List.copyOf(names); }
        public String tag() { return "start"; }
    }

    /** SP-*: stop the named services (all when empty); dependents are warned about, not stopped. */
    record Stop(List<String> names, boolean await) implements Request {
        public Stop { names = List.copyOf(names); }
        public String tag() { return "stop"; }
    }

    /** RS-*: restart the named services (all running ones when empty). */
    record Restart(List<String> names, boolean withDependents, boolean await, long timeoutMillis) implements Request {
        public Restart { names = List.copyOf(names); }
        public String tag() { return "restart"; }
    }

    /** STA-*: a snapshot of the named services (all when empty). */
    record Status(List<String> names) implements Request {
        public Status { names = List.copyOf(names); }
        public String tag() { return "status"; }
    }

    /** AC-6: {@code envy up -d}: take the detached hold and start every autostart service. */
    record Up(boolean await, long timeoutMillis) implements Request {
        public String tag() { return "up"; }
    }

    /** SD-1: stop everything in reverse order and exit; answered once the services are down. */
    record Down() implements Request {
        public String tag() { return "down"; }
    }

    /**
     * AC-3: register an activation: the process {@code pid} whose start time (clock ticks since boot, field 22 of
     * {@code /proc/PID/stat}) is {@code startTime}, so a reused PID is never mistaken for it.
     */
    record Attach(long pid, long startTime) implements Request {
        public String tag() { return "attach"; }
    }

    /**
     * AC-6, {@code envy up}'s detach: take the detached hold without starting or stopping anything, so the services
     * stay as they are, with no activation, until {@code envy down}.
     */
    record Hold() implements Request {
        public String tag() { return "hold"; }
    }

    /**
     * TV-1: the environment's state now and again after every change, as streamed
     * {@link Response.StatusChanged} frames, until the client hangs up; the final answer comes only when the daemon
     * exits (the last state). A watch does not keep the daemon alive.
     */
    record Watch() implements Request {
        public String tag() { return "watch"; }
    }

    /**
     * AC-9: an in-place activation whose shell is not known yet. The daemon holds the services up for it as for an
     * activation until the evaluating shell claims {@code token} by writing its own PID ({@code $$},
     * {@code $fish_pid}) to {@code claims/TOKEN} in the runtime dir, or until the claim's deadline passes.
     */
    record Expect(String token) implements Request {
        public String tag() { return "expect"; }
    }

    /**
     * WT-2: answer once the named services (all autostart ones when empty) are up — running and ready, or completed —
     * or once one of them can no longer come up; starts nothing.
     */
    record Wait(List<String> names, long timeoutMillis) implements Request {
        public Wait { names = List.copyOf(names); }
        public String tag() { return "wait"; }
    }

    /** UP-1: load the manifest from disk again and apply the difference. */
    record Reload() implements Request {
        public String tag() { return "reload"; }
    }
}

package dev.envy.daemon.loop;

import dev.envy.core.lifecycle.Effect;

/** The edge to readiness probes (command, http, tcp, log line) and liveness checks (command, http, tcp). */
public interface ProbePort {

    /** Starts probing as the effect says; {@code passed} runs once when the check passes. */
    Probe start(Effect.StartProbe probe, Runnable passed);

    /** RD-3: runs one liveness check as the effect says; {@code result} gets whether it passed, once, on any thread. */
    void checkOnce(Effect.CheckLiveness check, java.util.function.Consumer<Boolean> result);

    /** A running probe. */
    interface Probe extends AutoCloseable {
        /** An output line of the probed process (for {@code readiness.log}). */
        void line(String line);

        @Override
        void close();
    }
}

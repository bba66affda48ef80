package dev.envy.daemon.loop;

import dev.envy.core.manifest.Readiness;

import java.util.Map;

/** The edge to readiness probes (command, http, tcp, log line). */
public interface ProbePort {

    /** Starts probing; {@code passed} runs once when the check passes. */
    Probe start(String service, long pid, Readiness readiness, Map<String, String> environment, Runnable passed);

    /** A running probe. */
    interface Probe extends AutoCloseable {
        /** An output line of the probed process (for {@code readiness.log}). */
        void line(String line);

        @Override
        void close();
    }
}

package dev.envy.daemon;

import dev.envy.daemon.loop.ActivationPort;
import dev.envy.daemon.loop.LogSink;
import dev.envy.daemon.loop.ProbePort;

/** Stand-ins for edges whose real classes have not landed on this branch yet (probes, activation watcher). */
final class Unavailable {
    private Unavailable() {
    }

    static ProbePort probes(LogSink log) {
        return (service, pid, readiness, environment, passed) -> {
            log.warn("readiness probes are not available in this build: " + service + " will not become ready");
            return new ProbePort.Probe() {
                public void line(String line) { }
                public void close() { }
            };
        };
    }

    static ActivationPort activations(LogSink log) {
        return (pid, startTime, exited) -> log.warn("activation watching is not available in this build");
    }
}

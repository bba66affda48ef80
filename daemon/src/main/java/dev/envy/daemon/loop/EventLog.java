package dev.envy.daemon.loop;

import dev.envy.core.lifecycle.Event;
import dev.envy.core.protocol.Request;

/** Writes the lifecycle-worthy events to the daemon log (LG-1), one line each; the rest stays quiet. */
final class EventLog {
    private final LogSink log;

    EventLog(LogSink log) {
        this.log = log;
    }

    void record(Event event) {
        switch (event) {
            case Event.ClientRequest r -> {
                if (!(r.request() instanceof Request.Status)) {
                    log.info("request #" + r.requestId() + ": " + r.request());
                }
            }
            case Event.ClientGone g -> log.info("request #" + g.requestId() + ": the client hung up");
            case Event.Spawned s -> { }
            case Event.SpawnFailed f -> { }
            case Event.PortTaken p -> log.info(p.service() + ": " + p.holder() + " (ports." + p.name() + ")");
            case Event.Exited e -> log.info(e.service() + " (pid " + e.pid() + ") "
                    + e.signal().map(s -> "exited by " + s.fullName())
                    .orElse(e.exitCode() < 0 ? "is gone" : "exited with code " + e.exitCode()));
            case Event.ProbePassed p -> log.info(p.service() + " is ready");
            case Event.Notified n -> {
                if (n.message().ready()) { // keep-alive pings and status lines would flood the log
                    log.info(n.service() + " (pid " + n.pid() + ") sent READY=1");
                }
            }
            case Event.LivenessChecked l -> {
                if (!l.passed()) { // a passing check every period would flood the log
                    log.info(l.service() + " (pid " + l.pid() + ") failed its liveness check");
                }
            }
            case Event.PathChanged c -> log.info(c.service() + ": watched path " + c.path() + " changed");
            case Event.TimerFired t -> {
                if (t.key().kind() != dev.envy.core.lifecycle.TimerKey.Kind.REQUEST
                        && t.key().kind() != dev.envy.core.lifecycle.TimerKey.Kind.LIVENESS) {
                    log.info("timer " + t.key().kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                            + (t.key().subject().isEmpty() ? "" : " of " + t.key().subject()) + " fired");
                }
            }
            case Event.ActivationClaimed c -> log.info(c.startTime() > 0
                    ? "activation " + c.pid() + " claimed " + c.token()
                    : "activation " + c.pid() + " claimed " + c.token() + " but is already gone");
            case Event.ActivationExited a -> log.info("activation " + a.pid() + " exited");
            case Event.ManifestLoaded m -> log.info("manifest loaded: " + m.manifest().services().size()
                    + " service(s)");
            case Event.ManifestRejected m -> log.warn("manifest rejected: " + m.message()
                    + (m.problems().isEmpty() ? "" : " (" + m.problems().size() + " problem(s))"));
            case Event.SignalReceived s -> log.info("received " + s.signal().fullName());
        }
    }
}

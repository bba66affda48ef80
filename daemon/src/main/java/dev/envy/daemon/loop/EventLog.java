package dev.envy.daemon.loop;

import dev.envy.core.lifecycle.Effect;
import dev.envy.core.lifecycle.Event;
import dev.envy.core.lifecycle.SupervisorState;
import dev.envy.core.lifecycle.TimerKey;
import dev.envy.core.lifecycle.Transition;
import dev.envy.core.protocol.Request;

import java.util.Optional;

/**
 * Writes the lifecycle-worthy events to the daemon log (LG-1), one line each; the rest stays quiet. Changes under
 * watched paths are said once per burst, with what the supervisor decided ({@link WatchBursts}).
 */
final class EventLog {
    private final LogSink log;
    private final WatchBursts bursts = new WatchBursts();

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
            case Event.PathChanged c -> { } // said once per burst, by decided
            case Event.TimerFired t -> {
                if (t.key().kind() != TimerKey.Kind.REQUEST && t.key().kind() != TimerKey.Kind.LIVENESS
                        && t.key().kind() != TimerKey.Kind.PATHS_CHANGED) {
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

    /** What the supervisor made of {@code event}, for the lines that say it: a burst of watched changes (WT-1). */
    void decided(Event event, SupervisorState before, Transition next) {
        if (before == null || next.state() == null) {
            return;
        }
        Optional<String> line = switch (event) {
            case Event.PathChanged c -> bursts.changed(c.service(), c.path(), next.effects().stream()
                    .anyMatch(e -> e instanceof Effect.ScheduleTimer t && isBurst(t.key(), c.service())),
                    before.service(c.service()).filter(s -> s.spec().watch().isPresent())
                            .map(s -> s.status().word()));
            case Event.TimerFired t when isBurst(t.key(), t.key().subject()) ->
                    bursts.settled(t.key().subject(), before.views(), next.state().views());
            default -> Optional.empty();
        };
        line.ifPresent(log::info);
    }

    private static boolean isBurst(TimerKey key, String service) {
        return key.kind() == TimerKey.Kind.PATHS_CHANGED && key.subject().equals(service);
    }
}

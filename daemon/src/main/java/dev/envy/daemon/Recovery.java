package dev.envy.daemon;

import dev.envy.core.lifecycle.Effect;
import dev.envy.core.manifest.Signal;
import dev.envy.daemon.loop.LogSink;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CS-8: after a predecessor was killed with SIGKILL, stop the service process groups it recorded in state.json that
 * are still alive (same pid and start time), and those it had not recorded yet (found by their environment), so no
 * service is left unmanaged.
 *
 * <p>Stop, not re-adopt: the killed daemon held the read ends of the services' output pipes, so a re-adopted service
 * would write into a closed pipe — its output lost, and many programs die of SIGPIPE at their next line. A clean
 * restart under the new daemon is the honest state. Each stopped service becomes a note the first client sees.
 */
public final class Recovery {
    private final ProcessControl processes;
    private final Waiter waiter;
    private final LogSink log;

    /** Waits until a condition holds or a deadline passes. */
    @FunctionalInterface
    public interface Waiter {
        /** True once {@code done} holds, false if it still does not at {@code deadline}. */
        boolean await(java.util.function.BooleanSupplier done, Instant deadline);
    }

    public Recovery(ProcessControl processes, Waiter waiter, LogSink log) {
        this.processes = processes;
        this.waiter = waiter;
        this.log = log;
    }

    /** A waiter that checks every 20 ms (the processes are not our children: there is nothing to wait on). */
    public static Waiter polling(InstantSource clock) {
        return (done, deadline) -> {
            while (!done.getAsBoolean()) {
                if (!clock.instant().isBefore(deadline)) {
                    return done.getAsBoolean();
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return done.getAsBoolean();
                }
            }
            return true;
        };
    }

    /**
     * Stops what {@code stateFile} records as running, then deletes the file. Returns one note per stopped service.
     */
    public List<String> recover(StateFile stateFile, InstantSource clock) throws IOException {
        StateFile.State state = stateFile.read();
        List<Effect.LiveProcess> left = state.processes().stream()
                .filter(p -> p.pid() > 1 && stillRunning(p))
                .toList();
        List<String> notes = new ArrayList<>();
        if (!left.isEmpty()) {
            log.warn("a previous daemon was killed and left " + left.size() + " service process group(s) running;"
                    + " stopping them (their output pipes died with it)");
        }
        Instant start = clock.instant();
        for (Effect.LiveProcess p : left) {
            Signal signal = p.stop().signal();
            log.info("recovery: stopping " + p.service() + " (pid " + p.pid() + "): " + signal.fullName());
            processes.signalGroup(p.pid(), signal);
        }
        for (Effect.LiveProcess p : left) {
            Instant deadline = start.plus(p.stop().timeout());
            String how = stopsBy(p.service(), p.pid(), deadline, clock, "its stop-timeout") ? ""
                    : ", killed with SIGKILL after its stop-timeout";
            notes.add(note("recovered: stopped " + p.service() + " (pid " + p.pid()
                    + ") left running by a daemon that was killed" + how));
        }
        stateFile.delete();
        return notes;
    }

    /** How long a service found by its environment gets to stop on SIGTERM (its stop settings died with the record). */
    static final Duration UNRECORDED_STOP_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Stops the services of environment {@code environmentId} that a killed predecessor had started but not yet
     * recorded in state.json (it writes the file once per burst of events, so a SIGKILL in the first moments of a start
     * finds them missing): they are found by the marks every service process carries in its environment,
     * {@code ENVY_ENV} and {@code ENVY_SERVICE}. Each group gets SIGTERM, and SIGKILL after
     * {@link #UNRECORDED_STOP_TIMEOUT}. Call it after {@link #recover}, before this daemon spawns anything, and only
     * when a predecessor died without cleaning up (its daemon.json was left behind): the scan reads every process's
     * environment. Returns one note per stopped group.
     */
    public List<String> recoverUnrecorded(String environmentId, InstantSource clock) {
        Map<Long, String> left = processes.markedGroups(environmentId);
        List<String> notes = new ArrayList<>();
        if (left.isEmpty()) {
            return notes;
        }
        log.warn("a previous daemon was killed before it recorded " + left.size()
                + " service process group(s); found by their environment, stopping them");
        left.forEach((pgid, service) -> processes.signalGroup(pgid, Signal.TERM));
        Instant deadline = clock.instant().plus(UNRECORDED_STOP_TIMEOUT);
        String limit = UNRECORDED_STOP_TIMEOUT.toSeconds() + " s";
        left.forEach((pgid, service) -> {
            String how = stopsBy(service, pgid, deadline, clock, limit) ? "" : ", killed with SIGKILL after " + limit;
            notes.add(note("recovered: stopped " + service + " (pid " + pgid
                    + ") left running and unrecorded by a daemon that was killed" + how));
        });
        return notes;
    }

    /**
     * Waits until the signalled group {@code pgid} is gone; if it is still there at {@code deadline}, SIGKILLs its tree
     * (saying it outlived {@code limit}) and gives that 5 s. True when it went by itself.
     */
    private boolean stopsBy(String service, long pgid, Instant deadline, InstantSource clock, String limit) {
        if (waiter.await(() -> !processes.groupAlive(pgid), deadline)) {
            return true;
        }
        log.warn("recovery: " + service + " (pid " + pgid + ") outlived " + limit + ": SIGKILL");
        processes.killTree(pgid);
        waiter.await(() -> !processes.groupAlive(pgid), clock.instant().plusSeconds(5));
        return false;
    }

    private String note(String note) {
        log.info(note);
        return note;
    }

    /**
     * The recorded leader is alive with its recorded start time, or it is gone but members of its group are left. A
     * live process with that pid and another start time is someone else's (pid reuse): never touched.
     */
    private boolean stillRunning(Effect.LiveProcess p) {
        java.util.OptionalLong now = processes.startTime(p.pid());
        if (now.isPresent()) {
            return now.getAsLong() == p.startTime();
        }
        return processes.groupAlive(p.pid());
    }
}

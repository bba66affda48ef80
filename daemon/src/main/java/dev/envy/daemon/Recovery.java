package dev.envy.daemon;

import dev.envy.core.lifecycle.Effect;
import dev.envy.core.lifecycle.Orphans;
import dev.envy.daemon.loop.LogSink;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * CS-8: finds what a predecessor killed with SIGKILL left running — the service process groups its state.json records
 * that are still alive (same pid and start time), and those it had not recorded yet (found by their environment) —
 * for the supervisor to stop as it stops any service ({@link dev.envy.core.lifecycle.Supervisor#start}). Finding is
 * all it does: how and when they are stopped is the supervisor's decision.
 */
public final class Recovery {
    private Recovery() {
    }

    /**
     * The orphans of a killed predecessor.
     *
     * @param recorded      what its state.json says was running
     * @param environmentId the environment whose unrecorded service groups to look for by their marks, or empty when
     *                      the predecessor did not die without cleaning up (the scan reads every process's
     *                      environment, so it is done only when needed)
     */
    public static Orphans find(List<Effect.LiveProcess> recorded, Optional<String> environmentId,
                               ProcessControl processes, LogSink log) {
        List<Effect.LiveProcess> alive = recorded.stream().filter(p -> p.pid() > 1 && stillRunning(p, processes))
                .toList();
        if (!alive.isEmpty()) {
            log.warn("a previous daemon was killed and left " + alive.size() + " service process group(s) running;"
                    + " stopping them (their output pipes died with it)");
        }
        Map<Long, String> unrecorded = new LinkedHashMap<>();
        environmentId.ifPresent(id -> processes.markedGroups(id).forEach((pgid, service) -> {
            if (alive.stream().noneMatch(p -> p.pid() == pgid)) {
                unrecorded.put(pgid, service);
            }
        }));
        if (!unrecorded.isEmpty()) {
            log.warn("a previous daemon was killed before it recorded " + unrecorded.size()
                    + " service process group(s); found by their environment, stopping them");
        }
        return new Orphans(alive, unrecorded);
    }

    /**
     * The recorded leader is alive with its recorded start time, or it is gone but members of its group are left. A
     * live process with that pid and another start time is someone else's (pid reuse): never touched.
     */
    private static boolean stillRunning(Effect.LiveProcess p, ProcessControl processes) {
        OptionalLong now = processes.startTime(p.pid());
        if (now.isPresent()) {
            return now.getAsLong() == p.startTime();
        }
        return processes.groupAlive(p.pid());
    }
}

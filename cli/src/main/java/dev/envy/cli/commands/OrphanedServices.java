package dev.envy.cli.commands;

import dev.envy.core.lifecycle.Effect;
import dev.envy.core.runtime.RuntimePaths;
import dev.envy.host.client.DaemonConnector;
import dev.envy.host.fs.StateFile;
import dev.envy.host.os.ProcStat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CS-13: the service process groups a daemon that died left running, as its {@code state.json} records them (PID and
 * start time, so a reused PID is never taken for one): what {@code services status} shows as {@code orphaned} and
 * {@code down} stops, when no daemon runs. Normally the guardian (CS-12) has stopped them already.
 */
public final class OrphanedServices {
    private OrphanedServices() {
    }

    /** Service name → PID of each recorded group with a live member; empty when a daemon runs or none is left. */
    public static Map<String, Long> of(DaemonConnector connector) {
        Map<String, Long> left = new LinkedHashMap<>();
        try {
            var status = connector.status();
            if (status.running()) {
                return left;
            }
            for (Effect.LiveProcess p : new StateFile(RuntimePaths.in(status.runtimeDir()).stateJson()).read()
                    .processes()) {
                boolean leader = ProcStat.alive(p.pid(), p.startTime());
                boolean reused = !leader && ProcStat.startTime(p.pid()).isPresent();
                if (leader || (!reused && !ProcStat.membersOf(p.pid()).isEmpty())) {
                    left.put(p.service(), p.pid());
                }
            }
        } catch (IOException e) {
            // nothing readable is recorded: nothing to show as orphaned
        }
        return left;
    }
}

package dev.envy.daemon;

import dev.envy.host.log.LogTail;
import dev.envy.core.lifecycle.Effect;
import dev.envy.core.runtime.ProjectPaths;
import dev.envy.daemon.guardian.Guardian;
import dev.envy.host.fs.StateFile;
import dev.envy.daemon.loop.HostPort;
import dev.envy.daemon.loop.LogSink;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The daemon's own chores: state.json for a successor (CS-8), the deactivate hook, log tails for failed services
 * (ST-9), and the orderly exit that {@code Daemon} defines.
 */
final class DaemonHost implements HostPort {
    private final StateFile stateFile;
    private final ProjectPaths project;
    private final LogSink log;
    private final Runnable exit;
    private volatile Effect.PersistState written;
    private final java.util.Optional<Guardian> guardian;

    DaemonHost(StateFile stateFile, ProjectPaths project, LogSink log, Runnable exit,
               java.util.Optional<Guardian> guardian) {
        this.guardian = guardian;
        this.stateFile = stateFile;
        this.project = project;
        this.log = log;
        this.exit = exit;
    }

    @Override
    public void persist(Effect.PersistState state) {
        written = state;
        try {
            stateFile.write(new StateFile.State(state.processes(), state.activations()));
        } catch (IOException e) {
            log.warn("could not write " + stateFile.path() + ": " + e.getMessage()
                    + " (a successor could not recover after a crash)");
        }
        if (guardian.isPresent()) {
            try {
                guardian.get().record(state);
            } catch (IOException e) {
                log.warn("could not tell the guardian the live services: " + e.getMessage()
                        + " (should the daemon be killed, they would outlive it until the next envy command)");
            }
        }
    }

    /** HD-6: writes the last state again (and the guardian's record), into a runtime directory made again. */
    void persistAgain() throws IOException {
        Effect.PersistState last = written;
        if (last != null) {
            stateFile.write(new StateFile.State(last.processes(), last.activations()));
            if (guardian.isPresent()) {
                guardian.get().record(last);
            }
        }
    }

    @Override
    public void runDeactivateHook(String script, Map<String, String> environment) {
        DeactivateHook.run(script, environment, project.projectDir(), log);
    }

    /** The time in epoch milliseconds, from the clock {@code ServiceLog} stamps lines with. */
    @Override
    public long logMark(String service) {
        return System.currentTimeMillis();
    }

    @Override
    public List<String> lastLogLines(String service, int count, long mark) {
        return LogTail.lastServiceLines(project.serviceLog(service), count, Instant.ofEpochMilli(mark));
    }

    @Override
    public void exit() {
        exit.run();
    }
}

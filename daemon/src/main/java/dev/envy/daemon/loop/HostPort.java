package dev.envy.daemon.loop;

import dev.envy.core.lifecycle.Effect;

import java.util.List;
import java.util.Map;

/** The daemon's own chores the supervisor asks for: state.json, the deactivate hook, log tails, the exit. */
public interface HostPort {

    /** Writes state.json atomically (CS-8), and what the guardian needs to stop the services should the daemon die (CS-12). */
    void persist(Effect.PersistState state);

    /** Runs {@code hook.on-deactivate}'s {@code script} with {@code environment}, bounded in time, its output logged. */
    void runDeactivateHook(String script, Map<String, String> environment);

    /**
     * Where the service's log stands now, taken just before a process of it is spawned: {@link #lastLogLines} from
     * this mark shows that run's lines only.
     */
    long logMark(String service);

    /** The last {@code count} lines of the service's log written since {@code mark} (ST-9), without time stamps. */
    List<String> lastLogLines(String service, int count, long mark);

    /** Stops accepting, closes the server (removing the socket), flushes logs, removes daemon.json. */
    void exit();
}

package dev.envy.core.lifecycle;

import dev.envy.core.protocol.Response;

import java.util.List;
import java.util.Map;

/** A request that has not had its final reply yet. The daemon exits only once there is none left. */
public sealed interface Wait {

    long requestId();

    /**
     * Start, restart or up with {@code await}: answered once every target is up or has failed/been blocked.
     *
     * @param targets  the services the request is about; the reply's exit code depends on them only
     * @param watched  targets plus the dependencies the request started: their changes are streamed
     * @param lastSeen service to the last status streamed for it
     * @param timeoutMillis the request's deadline (0 = none), for the timeout message
     */
    record UntilUp(long requestId, List<String> targets, List<String> watched, List<String> notes,
                   Map<String, String> lastSeen, long timeoutMillis) implements Wait {
        public UntilUp {
            targets = List.copyOf(targets);
            watched = List.copyOf(watched);
            notes = List.copyOf(notes);
            lastSeen = Map.copyOf(lastSeen);
        }
    }

    /**
     * Stop with {@code await}: answered once the process each target had (or was spawning) when the stop was asked
     * for is gone. {@code generations}: each target's generation then; a later spawn (a start that came after) does
     * not keep the stop waiting.
     */
    record UntilStopped(long requestId, List<String> targets, List<String> notes, Map<String, Long> generations)
            implements Wait {
        public UntilStopped {
            targets = List.copyOf(targets);
            notes = List.copyOf(notes);
            generations = Map.copyOf(generations);
        }
    }

    /** Down: answered once every service is down; the daemon exits right after. */
    record UntilDown(long requestId) implements Wait {}

    /** Reload: answered when the manifest asked for was loaded (and applied) or rejected. */
    record UntilLoaded(long requestId) implements Wait {}

    /**
     * TV-1, a watch: every change of {@code last} (the state last streamed) is streamed; answered with the last state
     * only when the daemon exits, which a watch never holds up.
     */
    record Watching(long requestId, Response.StatusReport last) implements Wait {}

    /** RS-8: a restart reading envy.toml first, to restart its targets as they are defined now. */
    record RestartLoading(long requestId, dev.envy.core.protocol.Request.Restart request) implements Wait {}
}

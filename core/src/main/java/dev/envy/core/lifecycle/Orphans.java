package dev.envy.core.lifecycle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CS-8: the service process groups a daemon killed with SIGKILL left running, as its successor finds them. The
 * successor's supervisor stops them as it stops its own services.
 *
 * @param recorded   the live groups its state.json names, each with how to stop it
 * @param unrecorded process group id to service name: live groups whose processes carry the environment's marks
 *                   ({@code ENVY_ENV}, {@code ENVY_SERVICE}) but that it had not recorded yet (it records once per
 *                   burst of events, so a SIGKILL in the first moments of a start finds them missing); they are
 *                   stopped with the manifest's settings for that service, or the defaults
 */
public record Orphans(List<Effect.LiveProcess> recorded, Map<Long, String> unrecorded) {

    public static final Orphans NONE = new Orphans(List.of(), Map.of());

    public Orphans {
        recorded = List.copyOf(recorded);
        unrecorded = Collections.unmodifiableMap(new LinkedHashMap<>(unrecorded));
    }

    public boolean isEmpty() {
        return recorded.isEmpty() && unrecorded.isEmpty();
    }
}

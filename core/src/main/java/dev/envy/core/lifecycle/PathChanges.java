package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.PathWatch;
import dev.envy.core.manifest.ServiceSpec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * WT-1: a change under a service's watched paths restarts it once per burst. Each change (re)starts a timer of the
 * service's {@code watch-debounce}; when the changes have been quiet that long, the service is restarted as
 * {@code envy services restart} would (its restart count starts again). What a change does depends on the service:
 * <ul>
 *   <li>{@code starting}, {@code running}, {@code backoff}: restarted;</li>
 *   <li>{@code failed}, {@code completed}: started again (the change may be the fix, or the input of a task);</li>
 *   <li>{@code not-started}, {@code stopped}, {@code blocked}: nothing: nobody asked for it to run, or asked it to
 *       stop, or what it needs is not there; a change does not overrule that;</li>
 *   <li>{@code waiting}, {@code stopping}: nothing: it is on its way up or being stopped already.</li>
 * </ul>
 */
final class PathChanges {
    private PathChanges() {
    }

    /** Every service's watch in {@code manifest}, for {@link Effect.WatchPaths}. */
    static Map<String, PathWatch> of(Manifest manifest) {
        Map<String, PathWatch> watches = new LinkedHashMap<>();
        for (ServiceSpec spec : manifest.services().values()) {
            spec.watch().ifPresent(w -> watches.put(spec.name(), w));
        }
        return watches;
    }

    static void changed(Step st, Event.PathChanged e) {
        ServiceSpec spec = st.manifest.services().get(e.service());
        ServiceState s = st.get(e.service());
        if (spec == null || spec.watch().isEmpty() || s == null || st.phase != Phase.SERVING || !concerned(s)) {
            return;
        }
        st.schedule(key(e.service()), spec.watch().get().debounce());
    }

    /** The burst is over: restart (or start again) the service as its status says. */
    static void settled(Step st, String service) {
        ServiceState s = st.get(service);
        if (s == null || st.phase != Phase.SERVING || !concerned(s)) {
            return;
        }
        StopPlanner.stop(st, service, AfterStop.START);
        ServiceState now = st.get(service);
        st.put(now.withRestarts(0).withMessage(now.status() == ServiceStatus.STOPPING
                ? "restarting: a watched file changed" : now.message()));
    }

    private static boolean concerned(ServiceState s) {
        return switch (s.status()) {
            case STARTING, RUNNING, BACKOFF, FAILED, COMPLETED -> true;
            case NOT_STARTED, STOPPED, BLOCKED, WAITING, STOPPING -> false;
        };
    }

    static TimerKey key(String service) {
        return new TimerKey(TimerKey.Kind.PATHS_CHANGED, service, 0);
    }
}

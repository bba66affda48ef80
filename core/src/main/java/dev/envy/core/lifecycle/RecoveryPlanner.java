package dev.envy.core.lifecycle;

import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.manifest.Signal;

import java.util.Map;

/**
 * CS-8: a killed predecessor's service process groups become services this supervisor stops the normal way — its
 * stop signal or shutdown command once no stopping dependent is left (SP-3), SIGKILL to the tree after its
 * stop-timeout — and once each is gone, a note for the next result says what was stopped.
 *
 * <p>Stop, not re-adopt: the killed daemon held the read ends of the services' output pipes, so a re-adopted service
 * would write into a closed pipe — its output lost, and many programs die of SIGPIPE at their next line. A clean
 * restart under the new daemon is the honest state: a start asked for meanwhile waits for the old process to go.
 */
final class RecoveryPlanner {
    static final String RECORDED = "left running by a daemon that was killed";
    static final String UNRECORDED = "left running and unrecorded by a daemon that was killed";

    private RecoveryPlanner() {
    }

    /** Each orphan becomes a {@code stopping} service watched through {@link Effect.Adopt}. */
    static void adopt(Step st, Orphans orphans) {
        for (Effect.LiveProcess p : orphans.recorded()) {
            ServiceSpec spec = specOf(st, p.service()).toBuilder().stop(p.stop()).workingDir(p.workingDir()).build();
            adopt(st, spec, p.pid(), p.startTime(), p.environment(), RECORDED);
        }
        for (Map.Entry<Long, String> group : orphans.unrecorded().entrySet()) {
            String service = group.getValue();
            adopt(st, specOf(st, service), group.getKey(), 0, st.environmentOf(service), UNRECORDED);
        }
    }

    /** The manifest's definition of {@code service}, or the defaults for one it no longer has. */
    private static ServiceSpec specOf(Step st, String service) {
        ServiceSpec spec = st.manifest.services().get(service);
        return spec != null ? spec : ServiceSpec.of(service, "");
    }

    /**
     * A service of the manifest keeps its name and is {@code stopped} afterwards (a start asked for meanwhile turns
     * that into a start once the old process is gone); any other — a removed service, a second group of the same
     * service — is listed as {@code NAME (pid N)} while it stops and forgotten after.
     */
    private static void adopt(Step st, ServiceSpec spec, long pid, long startTime, Map<String, String> environment,
                              String how) {
        ServiceState known = st.get(spec.name());
        boolean own = known != null && known.status() == ServiceStatus.NOT_STARTED
                && st.manifest.services().containsKey(spec.name());
        String key = own ? spec.name() : spec.name() + " (pid " + pid + ")";
        st.put(ServiceState.orphan(key, spec, environment, pid, startTime, st.nextGeneration++,
                own ? AfterStop.STAY_STOPPED : AfterStop.FORGET, st.now));
        st.recovering.put(pid, how);
        st.emit(new Effect.Adopt(key, pid));
    }

    /** {@code s}'s process is gone: if it was a predecessor's, the next result says so. */
    static void stopped(Step st, ServiceState s) {
        String how = st.recovering.remove(s.pid());
        if (how == null) {
            return;
        }
        boolean killed = Signal.KILL.equals(s.signal()) && !Signal.KILL.equals(s.spec().stop().signal());
        st.notes.add("recovered: stopped " + s.spec().name() + " (pid " + s.pid() + ") " + how
                + (killed ? ", killed with SIGKILL after its stop-timeout" : ""));
    }
}

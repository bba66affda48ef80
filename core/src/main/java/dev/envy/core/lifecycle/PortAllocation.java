package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Ports;
import dev.envy.core.manifest.ServiceSpec;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PT-1: which ports a service gets when it is spawned. Each {@code ports.NAME = BASE} gets the port its last process
 * had, if that is at or above BASE and free, else the first free port at or above BASE. A port is free when no other
 * service of this environment holds it (one holds its ports while it has a process or a spawn under way, so two
 * services never get the same one) and the daemon did not find another process listening on it
 * ({@link Event.PortTaken}, which sends the service round this again). With {@code [options] strict-ports} only BASE
 * itself will do. Pure: what the machine says arrives as events.
 */
final class PortAllocation {
    /** How many taken ports one start passes over before it gives up. */
    static final int MAX_TAKEN = 100;

    private PortAllocation() {
    }

    /** The ports for {@code s}, or why there are none ({@code could not start: …}). */
    record Outcome(Map<String, Integer> ports, Optional<String> failure) {}

    static Outcome choose(Step st, ServiceState s, ServiceSpec spec) {
        Map<Integer, String> held = new HashMap<>();
        for (ServiceState other : st.services.values()) {
            if (!other.name().equals(s.name()) && (other.hasProcess() || other.spawnPending())) {
                other.ports().forEach((port, number) -> held.put(number, other.name()));
            }
        }
        boolean strict = st.manifest.options().strictPorts();
        Set<Integer> chosen = new HashSet<>();
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> p : spec.ports().entrySet()) {
            int base = p.getValue();
            Integer last = s.ports().get(p.getKey());
            if (strict) {
                if (held.containsKey(base) || chosen.contains(base)) {
                    return failed("port " + base + " (ports." + p.getKey() + ") is allocated to "
                            + held.getOrDefault(base, s.name()) + ", and strict-ports is on");
                }
                out.put(p.getKey(), base);
                chosen.add(base);
                continue;
            }
            int port = last != null && last >= base && free(last, held, chosen, s) ? last : base;
            while (port <= 65535 && !free(port, held, chosen, s)) {
                port++;
            }
            if (port > 65535) {
                return failed("no free port at or above " + base + " for ports." + p.getKey());
            }
            out.put(p.getKey(), port);
            chosen.add(port);
        }
        return new Outcome(out, Optional.empty());
    }

    private static boolean free(int port, Map<Integer, String> held, Set<Integer> chosen, ServiceState s) {
        return !held.containsKey(port) && !chosen.contains(port) && !s.takenPorts().contains(port);
    }

    private static Outcome failed(String why) {
        return new Outcome(Map.of(), Optional.of("could not start: " + why));
    }

    /**
     * The daemon found {@code port} (the service's {@code name}) held by another process, {@code holder} describing
     * it: with strict-ports the start fails naming the holder; otherwise the service waits again and the next
     * allocation passes over it, until {@link #MAX_TAKEN} ports were found taken.
     */
    static void taken(Step st, Event.PortTaken e) {
        ServiceState s = st.get(e.service());
        if (s == null || !s.spawnPending() || !Integer.valueOf(e.port()).equals(s.ports().get(e.name()))) {
            return;
        }
        if (s.status() == ServiceStatus.STOPPING) {
            ProcessEvents.finishStop(st, s, -1, Optional.empty());
            return;
        }
        String where = e.holder() + " (ports." + e.name() + ")";
        if (st.manifest.options().strictPorts()) {
            st.put(s.ended(ServiceStatus.FAILED, -1, null, "could not start: " + where + ", and strict-ports is on",
                    st.now));
        } else if (s.takenPorts().size() + 1 >= MAX_TAKEN) {
            st.put(s.ended(ServiceStatus.FAILED, -1, null, "could not start: " + MAX_TAKEN
                    + " ports in a row were taken, the last: " + where, st.now));
        } else {
            st.put(s.withTakenPort(e.port()).waiting(st.now).withRestarts(s.restarts()));
        }
    }

    /**
     * The environment {@code s} is spawned with: {@code environment} plus its own {@code PORT_*} and every other
     * service's {@code SERVICE_PORT_*} that is allocated now (held by a process or a spawn under way), with each
     * {@code ${…}} of those names in its values resolved.
     */
    static Map<String, String> environment(Step st, String service, Map<String, String> environment,
                                           Map<String, Integer> ports) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ServiceState other : st.services.values()) {
            if (!other.name().equals(service) && (other.hasProcess() || other.spawnPending())) {
                other.ports().forEach((port, number) -> values.put(Ports.variable(other.name(), port),
                        Integer.toString(number)));
            }
        }
        ports.forEach((port, number) -> values.put(Ports.variable(port), Integer.toString(number)));
        Map<String, String> references = new LinkedHashMap<>();
        Ports.visibleTo(st.manifest, service, base -> "").forEach(references::put); // not allocated now: empty
        references.putAll(values);
        if (references.isEmpty()) {
            return environment;
        }
        Map<String, String> out = new LinkedHashMap<>();
        environment.forEach((k, v) -> out.put(k, Ports.substitute(v, references)));
        out.putAll(values);
        return out;
    }
}

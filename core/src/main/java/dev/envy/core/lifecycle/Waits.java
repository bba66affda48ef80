package dev.envy.core.lifecycle;

import dev.envy.core.manifest.Readiness;
import dev.envy.core.protocol.Response;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers the waiting requests once what they wait for has happened, streams progress to those that wait for
 * services to come up, and answers a timed-out one with what is not up yet.
 */
final class Waits {
    private Waits() {
    }

    static TimerKey timerOf(long requestId) {
        return new TimerKey(TimerKey.Kind.REQUEST, Long.toString(requestId), 0);
    }

    /** What a progress frame reports of a service: its status, whether it is ready, and its ports (PT-1). */
    static String progressKey(ServiceState s) {
        return s == null ? "removed" : s.status().word() + (s.ready() ? "+ready" : "")
                + (s.ports().isEmpty() ? "" : "@" + s.ports());
    }

    /**
     * PT-1: a service with allocated ports whose spawn is under way may still move to another port (the daemon finds
     * one taken just before the spawn, {@link Event.PortTaken}): its {@code starting} is said once it was spawned,
     * so the line names the port it really got.
     */
    private static boolean portMayMove(ServiceState s) {
        return s.spawnPending() && s.status() == ServiceStatus.STARTING && !s.ports().isEmpty();
    }

    /** PT-1: {@code http=8081,admin=9000}, as the status's PORTS column shows them. */
    private static String ports(ServiceState s) {
        return s.ports().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(java.util.stream.Collectors.joining(","));
    }

    static void evaluate(Step st) {
        for (Wait w : List.copyOf(st.waits)) {
            switch (w) {
                case Wait.UntilUp u -> untilUp(st, u);
                case Wait.UntilStopped s -> {
                    if (s.targets().stream().allMatch(t -> stopped(st.get(t), s.generations().get(t)))) {
                        st.waits.remove(s);
                        st.reply(s.requestId(), new Response.Result(0, s.notes(), List.of(), st.views(s.targets())));
                    }
                }
                case Wait.UntilDown d -> {
                    if (st.services.values().stream().noneMatch(ServiceState::live)) {
                        st.waits.remove(d);
                        st.reply(d.requestId(), new Response.Result(0, List.of("every service is stopped"),
                                List.of(), st.views(List.copyOf(st.services.keySet()))));
                    }
                }
                case Wait.UntilLoaded l -> { }
                case Wait.Watching watching -> {
                    Response.StatusReport now = st.report();
                    if (!now.equals(watching.last())) {
                        st.emit(new Effect.Stream(watching.requestId(), new Response.StatusChanged(now)));
                        st.waits.set(st.waits.indexOf(watching), new Wait.Watching(watching.requestId(), now));
                    }
                }
                case Wait.RestartLoading r -> { }
            }
        }
    }

    /** The process of {@code generation} is gone (or another one was spawned since: the stop is over). */
    private static boolean stopped(ServiceState s, Long generation) {
        if (s == null || generation == null || s.generation() != generation) {
            return true;
        }
        return !s.hasProcess() && !s.spawnPending() && s.status() != ServiceStatus.STOPPING;
    }

    private static void untilUp(Step st, Wait.UntilUp given) {
        Wait.UntilUp u = withCascades(st, given);
        Map<String, String> seen = new HashMap<>(u.lastSeen());
        for (String name : inProgressOrder(st, u.watched())) {
            ServiceState s = st.get(name);
            if (s != null && (!Settling.settled(s, st.now) || portMayMove(s))) {
                continue; // ST-10: "running" is said once it has stayed up for the settle window
            }
            String key = progressKey(s);
            if (!key.equals(seen.get(name))) {
                seen.put(name, key);
                if (s != null) {
                    st.emit(new Effect.Stream(u.requestId(), new Response.Progress(name, s.status().word(),
                            detail(st, s))));
                }
            }
        }
        int index = st.waits.indexOf(u);
        boolean pending = u.targets().stream().map(st::get).anyMatch(s -> s != null
                && ((s.comingUp() && !isUp(s)) || !Settling.settled(s, st.now)));
        if (pending) {
            st.waits.set(index, new Wait.UntilUp(u.requestId(), u.targets(), u.watched(), u.notes(), seen,
                    u.timeoutMillis()));
            return;
        }
        st.waits.remove(index);
        if (u.timeoutMillis() > 0) {
            st.cancel(timerOf(u.requestId()));
        }
        List<String> errors = new ArrayList<>();
        for (String t : u.targets()) {
            ServiceState s = st.get(t);
            if (s == null || !isUp(s)) {
                errors.add(failure(t, s));
            }
        }
        st.reply(u.requestId(), new Response.Result(errors.isEmpty() ? 0 : 1, u.notes(), errors, st.views(u.targets())));
    }

    /** {@code watched} (in start order) with the stopping ones first, dependents first, as they are stopped (SP-3). */
    private static List<String> inProgressOrder(Step st, List<String> watched) {
        List<String> stopping = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String name : watched) {
            ServiceState s = st.get(name);
            (s != null && s.status() == ServiceStatus.STOPPING ? stopping : rest).add(name);
        }
        if (stopping.isEmpty()) {
            return watched;
        }
        List<String> ordered = new ArrayList<>(stopping.reversed());
        ordered.addAll(rest);
        return ordered;
    }

    /**
     * RS-9: a dependent that a target's restart is restarting (stopping to start again, restarting with that target)
     * joins the wait's targets, and so does a dependent of it in turn: the command streams its progress, waits until
     * it is back and names it if it does not come back, since the command did that too. The wait as it is now.
     */
    private static Wait.UntilUp withCascades(Step st, Wait.UntilUp u) {
        List<String> targets = new ArrayList<>(u.targets());
        for (int i = 0; i < targets.size(); i++) { // grows while it runs: a cascade's cascade
            String target = targets.get(i);
            for (ServiceState d : st.services.values()) {
                if (!targets.contains(d.name()) && d.status() == ServiceStatus.STOPPING
                        && d.afterStop() == AfterStop.START
                        && st.manifest.services().getOrDefault(d.name(), d.spec()).restartsWith().contains(target)) {
                    targets.add(d.name());
                }
            }
        }
        if (targets.size() == u.targets().size()) {
            return u;
        }
        List<String> order = st.graph().startOrder();
        targets.sort(java.util.Comparator.comparingInt(order::indexOf));
        List<String> watched = new ArrayList<>(u.watched());
        targets.stream().filter(t -> !watched.contains(t)).forEach(watched::add);
        watched.sort(java.util.Comparator.comparingInt(order::indexOf));
        Wait.UntilUp grown = new Wait.UntilUp(u.requestId(), targets, watched, u.notes(), u.lastSeen(),
                u.timeoutMillis());
        st.waits.set(st.waits.indexOf(u), grown);
        return grown;
    }

    /**
     * {@code ready}, with the ports of a running service that has allocated ones ({@code ready, http=8081});
     * {@code for db, cache} while waiting; while starting, what its readiness check waits for
     * ({@code waiting up to 60s for http://127.0.0.1:8080/ to answer}); else the service's message.
     */
    static String detail(Step st, ServiceState s) {
        if (s.status() == ServiceStatus.RUNNING && !s.ports().isEmpty()) {
            String running = s.ready() && s.spec().readiness().isPresent() ? "ready" : s.messageText().orElse("");
            return running.isEmpty() ? ports(s) : running + ", " + ports(s);
        }
        if (s.ready() && s.spec().readiness().isPresent()) {
            return "ready";
        }
        if (s.status() == ServiceStatus.STARTING && s.message() == null && s.spec().readiness().isPresent()) {
            return awaiting(s.spec().readiness().get());
        }
        if (s.status() == ServiceStatus.WAITING) {
            List<String> missing = st.dependsOn(s.name()).entrySet().stream()
                    .filter(d -> Reconciler.verdict(st.get(d.getKey()), d.getValue()) != Reconciler.Verdict.MET)
                    .map(d -> d.getKey() + " (" + d.getValue().word() + ")").toList();
            return missing.isEmpty() ? "" : "for " + String.join(", ", missing);
        }
        return s.messageText().orElse("");
    }

    /** What a readiness check waits for, as a starting service's progress shows it. */
    static String awaiting(Readiness readiness) {
        String what = switch (readiness.check()) {
            case Readiness.CommandCheck c -> "`" + c.command() + "` to succeed";
            case Readiness.HttpCheck h -> h.uri() + " to answer";
            case Readiness.TcpCheck t -> t.host() + ":" + t.port() + " to accept connections";
            case Readiness.LogCheck l -> "a log line matching '" + l.pattern().pattern() + "'";
            case Readiness.NotifyCheck n -> "READY=1 on its notify socket";
            case Readiness.Pending p -> p.text() + " to answer"; // resolved before a service starts; said as written
        };
        return "waiting up to " + Durations.words(readiness.timeout().toMillis()) + " for " + what;
    }

    /** ST-5: running and ready (where a check exists), or completed. */
    static boolean isUp(ServiceState s) {
        return (s.status() == ServiceStatus.RUNNING && s.ready()) || s.status() == ServiceStatus.COMPLETED;
    }

    /** {@code db: failed with exit code 3}, {@code web: blocked: dependency db failed}, {@code db: killed by SIGSEGV}. */
    static String failure(String name, ServiceState s) {
        if (s == null) {
            return name + ": removed from the manifest";
        }
        String why = switch (s.status()) {
            case FAILED, BLOCKED -> s.messageText().orElse(s.status().word());
            case STOPPING -> s.messageText().orElse("stopping");
            case STOPPED -> "stopped before it was up";
            case NOT_STARTED -> "not started";
            case COMPLETED, RUNNING, STARTING, WAITING, BACKOFF -> s.status().word();
        };
        return name + ": " + why;
    }

    /** The request's --timeout expired: answer with what is not up yet; the services keep starting. */
    static void timedOut(Step st, long requestId) {
        for (Wait w : List.copyOf(st.waits)) {
            if (w instanceof Wait.UntilUp u && u.requestId() == requestId) {
                st.waits.remove(u);
                List<String> errors = new ArrayList<>();
                for (String t : u.targets()) {
                    ServiceState s = st.get(t);
                    if (s != null && s.comingUp() && !isUp(s)) {
                        errors.add(t + ": not up after " + Durations.words(u.timeoutMillis()) + " (still "
                                + s.status().word() + ")");
                    } else if (s == null || !isUp(s)) {
                        errors.add(failure(t, s));
                    }
                }
                st.reply(requestId, new Response.Result(errors.isEmpty() ? 0 : 1, u.notes(), errors,
                        st.views(u.targets())));
            }
        }
    }

    /** ClientGone: nothing more is sent for that request. */
    static void forget(Step st, long requestId) {
        for (Wait w : List.copyOf(st.waits)) {
            if (w.requestId() == requestId) {
                st.waits.remove(w);
                if (w instanceof Wait.UntilUp u && u.timeoutMillis() > 0) {
                    st.cancel(timerOf(requestId));
                }
            }
        }
    }
}

package dev.envy.core.lifecycle;

import dev.envy.core.protocol.Response;

import java.util.ArrayList;
import java.util.List;

/**
 * AC-4, SD-1/2: stops every service in reverse dependency order, exactly once. Requests waiting for services to come
 * up are answered at once (exit 1, they will not come up); new requests are answered {@code shutting-down}. Once
 * nothing is live and every request is answered: {@code hook.on-deactivate} (if asked for and defined), then exit.
 */
final class Teardown {
    private Teardown() {
    }

    static void begin(Step st, boolean deactivateHook) {
        if (st.phase != Phase.SERVING) {
            return;
        }
        st.phase = Phase.TEARING_DOWN;
        st.hold = false;
        st.runDeactivateHook = deactivateHook;
        for (Wait w : List.copyOf(st.waits)) {
            switch (w) {
                case Wait.UntilUp u -> {
                    st.waits.remove(u);
                    if (u.timeoutMillis() > 0) {
                        st.cancel(Waits.timerOf(u.requestId()));
                    }
                    List<String> errors = new ArrayList<>();
                    for (String t : u.targets()) {
                        ServiceState s = st.get(t);
                        if (s == null || !Waits.isUp(s)) {
                            errors.add(t + ": not started: the environment is shutting down");
                        }
                    }
                    st.reply(u.requestId(), new Response.Result(1, u.notes(), errors, st.views(u.targets())));
                }
                case Wait.UntilLoaded l -> {
                    st.waits.remove(l);
                    st.reply(l.requestId(), new Response.ShuttingDown());
                }
                case Wait.RestartLoading r -> {
                    st.waits.remove(r);
                    st.reply(r.requestId(), new Response.ShuttingDown());
                }
                case Wait.UntilStopped s -> { }
                case Wait.UntilDown d -> { }
                case Wait.Watching watching -> { }
            }
        }
        for (String name : st.graph().stopOrder(List.copyOf(st.services.keySet()))) {
            ServiceState s = st.get(name);
            if (s.live()) {
                StopPlanner.stop(st, name, s.afterStop() == AfterStop.FORGET ? AfterStop.FORGET : AfterStop.STAY_STOPPED);
            }
        }
    }

    static void finishIfDone(Step st) {
        if (st.phase != Phase.TEARING_DOWN || st.waits.stream().anyMatch(w -> !(w instanceof Wait.Watching))
                || st.services.values().stream().anyMatch(ServiceState::live)) {
            return;
        }
        for (Wait w : List.copyOf(st.waits)) {
            st.waits.remove(w);
            st.reply(w.requestId(), st.report()); // TV-1: a watch ends with the last state
        }
        st.phase = Phase.EXITED;
        if (st.runDeactivateHook) {
            st.manifest.hook().onDeactivate().filter(script -> !script.isBlank())
                    .ifPresent(script -> st.emit(new Effect.RunDeactivateHook(script, st.environments.shared())));
        }
        st.emit(new Effect.ExitDaemon());
    }
}

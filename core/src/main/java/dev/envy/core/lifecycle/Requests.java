package dev.envy.core.lifecycle;

import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.core.text.Suggest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** Client requests: checked first (unknown names, AC-7), then handed to the planner that carries them out. */
final class Requests {
    static final String NOTHING_KEEPS_UP = "no activation or hold keeps services up, so nothing was started";
    static final String NOTHING_KEEPS_UP_HINT = "run `envy activate -s` or `envy up -d`";

    private Requests() {
    }

    static void handle(Step st, long id, Request request) {
        if (st.phase != Phase.SERVING) {
            st.reply(id, new Response.ShuttingDown());
            return;
        }
        switch (request) {
            case Request.Hello h -> st.reply(id, new Response.Error(2, "the handshake was already done",
                    "send one request per connection after hello"));
            case Request.Start s -> {
                if (valid(st, id, s.names()) && heldUp(st, id)) {
                    StartPlanner.request(st, id, s.names(), s.await(), s.timeoutMillis());
                }
            }
            case Request.Stop s -> {
                if (valid(st, id, s.names())) {
                    StopPlanner.request(st, id, s.names(), s.await());
                }
            }
            case Request.Restart r -> {
                if (valid(st, id, r.names()) && heldUp(st, id)) {
                    st.waits.add(new Wait.RestartLoading(id, r)); // RS-8: as envy.toml defines them now
                    st.emit(new Effect.LoadManifest(id, false));
                }
            }
            case Request.Status s -> {
                if (valid(st, id, s.names())) {
                    List<String> names = s.names().isEmpty() ? List.copyOf(st.services.keySet()) : s.names();
                    st.reply(id, st.report(names));
                }
            }
            case Request.Up u -> {
                st.hold = true;
                StartPlanner.request(st, id, List.of(), u.await(), u.timeoutMillis());
            }
            case Request.Down d -> {
                Teardown.begin(st, true);
                st.waits.add(new Wait.UntilDown(id));
            }
            case Request.Attach a -> Activations.attach(st, id, a.pid(), a.startTime());
            case Request.Hold h -> {
                st.hold = true;
                st.reply(id, new Response.Result(0, List.of("the services stay up until `envy down`"), List.of(),
                        List.of()));
            }
            case Request.Watch w -> {
                Response.StatusReport now = st.report();
                st.emit(new Effect.Stream(id, new Response.StatusChanged(now)));
                st.waits.add(new Wait.Watching(id, now));
            }
            case Request.Expect e -> Activations.expect(st, id, e.token());
            case Request.Wait w -> {
                if (valid(st, id, w.names())) {
                    StartPlanner.await(st, id, w.names(), w.timeoutMillis());
                }
            }
            case Request.Reload r -> {
                st.waits.add(new Wait.UntilLoaded(id));
                st.emit(new Effect.LoadManifest(id));
            }
        }
    }

    /** ST-8, SP-9, RS-7: every unknown name is listed with a suggestion, and nothing is done. */
    private static boolean valid(Step st, long id, List<String> names) {
        Optional<String> problem = unknownNames(st.manifest.services().keySet(), names);
        problem.ifPresent(p -> st.reply(id, new Response.Error(2, p,
                "`envy services status` lists the services of this environment")));
        return problem.isEmpty();
    }

    static Optional<String> unknownNames(java.util.Set<String> known, List<String> names) {
        List<String> lines = new ArrayList<>();
        for (String n : new LinkedHashSet<>(names)) {
            if (!known.contains(n)) {
                lines.add("unknown service '" + n + "'" + Suggest.hint(n, known).map(h -> " (" + h + ")").orElse(""));
            }
        }
        return lines.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", lines));
    }

    /** AC-7: starting needs something that keeps the services up afterwards. */
    private static boolean heldUp(Step st, long id) {
        if (st.unheld()) {
            st.reply(id, new Response.Error(2, NOTHING_KEEPS_UP, NOTHING_KEEPS_UP_HINT));
            return false;
        }
        return true;
    }
}

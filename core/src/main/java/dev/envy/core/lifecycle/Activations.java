package dev.envy.core.lifecycle;

import dev.envy.core.protocol.Response;

import java.util.List;

/** AC-3/4/8: the reference count of activations; the last one to exit starts the teardown (unless held). */
final class Activations {
    private Activations() {
    }

    static void attach(Step st, long requestId, long pid, long startTime) {
        Effect.Activation a = new Effect.Activation(pid, startTime);
        if (a.equals(st.activations.get(pid))) {
            st.reply(requestId, result("activation " + pid + " is already registered", st));
            return;
        }
        st.activations.put(pid, a);
        st.emit(new Effect.WatchActivation(pid, startTime));
        st.reply(requestId, result("activation " + pid + " registered", st));
    }

    private static Response.Result result(String note, Step st) {
        return new Response.Result(0, List.of(note + " (" + st.activations.size() + " active)"), List.of(), List.of());
    }

    static void exited(Step st, long pid, long startTime) {
        if (!new Effect.Activation(pid, startTime).equals(st.activations.get(pid))) {
            return;
        }
        st.activations.remove(pid);
        if (st.activations.isEmpty() && !st.hold) {
            Teardown.begin(st, true);
        }
    }
}

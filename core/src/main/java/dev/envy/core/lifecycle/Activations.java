package dev.envy.core.lifecycle;

import dev.envy.core.protocol.Response;

import java.time.Duration;
import java.util.List;

/**
 * AC-3/4/8/9: the reference count of activations; the last one to exit starts the teardown (unless held).
 *
 * <p>An in-place activation is first <em>pending</em> (AC-9): the CLI cannot know which shell will evaluate its
 * script, so it asks for a token, and the script hands over the evaluating shell's own PID. A pending activation holds
 * the services up like a registered one until it is claimed, or until {@link #CLAIM_DEADLINE} has passed.
 */
final class Activations {
    /** ◆ How long a pending in-place activation waits for its shell to claim it. */
    static final Duration CLAIM_DEADLINE = Duration.ofSeconds(10);

    private Activations() {
    }

    static void attach(Step st, long requestId, long pid, long startTime) {
        if (register(st, pid, startTime)) {
            st.reply(requestId, result("activation " + pid + " registered", st));
        } else {
            st.reply(requestId, result("activation " + pid + " is already registered", st));
        }
    }

    /** AC-9: holds the services up for {@code token} until its shell claims it or the deadline passes. */
    static void expect(Step st, long requestId, String token) {
        if (token.isBlank() || st.pending.contains(token)) {
            st.reply(requestId, new Response.Error(2, "activation token '" + token + "' is not usable",
                    "run `envy activate` again"));
            return;
        }
        st.pending.add(token);
        st.schedule(claimTimer(token), CLAIM_DEADLINE);
        st.reply(requestId, new Response.Result(0, List.of("activation pending until its shell claims it ("
                + (st.activations.size() + st.pending.size()) + " active)"), List.of(), List.of()));
    }

    /**
     * AC-9: the evaluating shell claimed {@code token}. A claim that comes after its deadline still registers the
     * shell while the daemon serves: it is an activation all the same.
     */
    static void claimed(Step st, String token, long pid, long startTime) {
        if (st.pending.remove(token)) {
            st.cancel(claimTimer(token));
        }
        if (st.phase != Phase.SERVING) {
            return;
        }
        if (startTime > 0) {
            register(st, pid, startTime);
        } else if (st.unheld()) {
            Teardown.begin(st, true); // the shell was gone before its claim was read
        }
    }

    /** AC-9: the shell never claimed {@code token} (the script was not evaluated): it counts no longer. */
    static void unclaimed(Step st, String token) {
        if (st.pending.remove(token) && st.phase == Phase.SERVING && st.unheld()) {
            Teardown.begin(st, true);
        }
    }

    static void exited(Step st, long pid, long startTime) {
        if (!new Effect.Activation(pid, startTime).equals(st.activations.get(pid))) {
            return;
        }
        st.activations.remove(pid);
        if (st.unheld()) {
            Teardown.begin(st, true);
        }
    }

    static TimerKey claimTimer(String token) {
        return new TimerKey(TimerKey.Kind.CLAIM, token, 0);
    }

    /** Registers and watches the process; false when it was registered already (AC-8). */
    private static boolean register(Step st, long pid, long startTime) {
        Effect.Activation a = new Effect.Activation(pid, startTime);
        if (a.equals(st.activations.get(pid))) {
            return false;
        }
        st.activations.put(pid, a);
        st.emit(new Effect.WatchActivation(pid, startTime));
        return true;
    }

    private static Response.Result result(String note, Step st) {
        return new Response.Result(0, List.of(note + " (" + st.activations.size() + " active)"), List.of(), List.of());
    }
}

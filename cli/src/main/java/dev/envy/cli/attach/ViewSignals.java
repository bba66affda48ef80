package dev.envy.cli.attach;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While the view is shown, SIGINT from outside means what Ctrl-C means in it (in raw mode the key is no signal), and
 * SIGTERM leaves it at once; closing puts back the handlers there were before. SIGHUP keeps the JVM's default: the
 * terminal is gone, the JVM exits and its shutdown hook restores what can be restored.
 */
@SuppressWarnings("removal")
final class ViewSignals implements AutoCloseable {
    private final SignalHandler previousInt;
    private final SignalHandler previousTerm;

    private ViewSignals(SignalHandler previousInt, SignalHandler previousTerm) {
        this.previousInt = previousInt;
        this.previousTerm = previousTerm;
    }

    static ViewSignals install(LiveView view) {
        return new ViewSignals(handle("INT", view::interrupt), handle("TERM", view::terminate));
    }

    private static SignalHandler handle(String name, Runnable action) {
        try {
            return Signal.handle(new Signal(name), s -> action.run());
        } catch (IllegalArgumentException unavailable) {
            return null; // the JVM keeps its default (e.g. under -Xrs)
        }
    }

    @Override
    public void close() {
        restore("INT", previousInt);
        restore("TERM", previousTerm);
    }

    private static void restore(String name, SignalHandler handler) {
        if (handler != null) {
            Signal.handle(new Signal(name), handler);
        }
    }
}

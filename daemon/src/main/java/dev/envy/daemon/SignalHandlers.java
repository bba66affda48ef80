package dev.envy.daemon;

import dev.envy.core.lifecycle.Event;
import dev.envy.core.manifest.Signal;

import java.util.function.Consumer;

/**
 * SD-2 / UP-1: SIGTERM and SIGINT become a shutdown event, SIGHUP a reload event; the supervisor decides what they
 * mean (a second TERM during shutdown does not skip stopping). The only use of {@code sun.misc.Signal}
 * (jdk.unsupported), which replaces the JVM's default handlers so no shutdown hook races the loop.
 */
@SuppressWarnings("sunapi")
public final class SignalHandlers {
    private SignalHandlers() {
    }

    /** Installs the handlers; each delivered signal is posted as {@link Event.SignalReceived}. */
    public static void install(Consumer<Event> post) {
        handle("TERM", Signal.TERM, post);
        handle("INT", Signal.INT, post);
        handle("HUP", Signal.HUP, post);
    }

    private static void handle(String name, Signal signal, Consumer<Event> post) {
        sun.misc.Signal.handle(new sun.misc.Signal(name), s -> post.accept(new Event.SignalReceived(signal)));
    }
}

package dev.envy.daemon.probe;

import dev.envy.daemon.process.LineListener;

import java.util.ArrayDeque;

/**
 * The {@link LineListener} to give {@code ServiceProcesses.spawn} when the service has a readiness check: the probe
 * starts only after the daemon's loop has seen the spawn, so lines printed in between are kept (the last
 * {@value #KEEP} of them, bounded) and replayed to the probe when it is {@link #attach attached}; afterwards each line
 * goes straight to it. One per spawned process.
 */
public final class LineTap implements LineListener {

    static final int KEEP = 256;

    private final ArrayDeque<String> early = new ArrayDeque<>();
    private ProbeHandle probe;
    private boolean detached;

    @Override
    public synchronized void onLine(String line) {
        if (probe != null) {
            probe.onLine(line);
        } else if (!detached) {
            if (early.size() == KEEP) {
                early.removeFirst();
            }
            early.addLast(line);
        }
    }

    /** Replays the lines seen so far to {@code handle}, then forwards every new line to it. */
    public synchronized void attach(ProbeHandle handle) {
        probe = handle;
        while (!early.isEmpty()) {
            handle.onLine(early.removeFirst());
        }
    }

    /** Stops forwarding and keeping lines (the probe was stopped). */
    public synchronized void detach() {
        probe = null;
        detached = true;
        early.clear();
    }
}

package dev.envy.daemon.probe;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Log readiness: passes on the first output line in which the pattern is found. Lines count from the moment the
 * process starts; {@code initial-delay} does not apply (a line printed early still means ready).
 */
final class LogProbe implements ProbeHandle {

    private final Pattern pattern;
    private final Runnable onPass;
    private final AtomicBoolean finished = new AtomicBoolean();

    LogProbe(Pattern pattern, Runnable onPass) {
        this.pattern = pattern;
        this.onPass = onPass;
    }

    @Override
    public void onLine(String line) {
        if (!finished.get() && pattern.matcher(line).find() && finished.compareAndSet(false, true)) {
            onPass.run();
        }
    }

    @Override
    public void close() {
        finished.set(true);
    }
}

package dev.envy.cli.up;

import dev.envy.cli.client.ProgressLine;
import dev.envy.core.protocol.Response;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Not on a terminal: one line per state change, {@code db: ready}, as every other command prints progress; and
 * while a service is still starting (its readiness check has not passed), {@code api: still starting (10s)} every
 * {@link #EVERY}, so a log of a slow start shows it is waiting, not stuck.
 */
final class PlainStartView implements StartView {
    /** How often a service that is still starting is mentioned. */
    static final Duration EVERY = Duration.ofSeconds(10);

    private final PrintWriter out;
    private final InstantSource clock;
    /** When each service that is starting began to, and how many reminders it had. */
    private final Map<String, Instant> starting = new LinkedHashMap<>();
    private final Map<String, Long> reminded = new LinkedHashMap<>();
    private boolean finished;

    PlainStartView(PrintWriter out, InstantSource clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public synchronized void progress(Response.Progress progress) {
        if (finished) {
            return;
        }
        String name = progress.service();
        if (progress.status().equals("starting")) {
            starting.putIfAbsent(name, clock.instant());
        } else {
            starting.remove(name);
            reminded.remove(name);
        }
        out.println(ProgressLine.of(progress));
        out.flush();
    }

    @Override
    public synchronized boolean tick() {
        if (finished) {
            return false;
        }
        Instant now = clock.instant();
        starting.forEach((name, since) -> {
            long due = Duration.between(since, now).toMillis() / EVERY.toMillis();
            if (due > reminded.getOrDefault(name, 0L)) {
                reminded.put(name, due);
                out.println(name + ": still starting (" + Elapsed.words(Duration.between(since, now)) + ")");
            }
        });
        out.flush();
        return true;
    }

    @Override
    public synchronized void finish() {
        finished = true;
        out.flush();
    }
}

package dev.envy.daemon.probe;

import dev.envy.core.manifest.Readiness;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Readiness probes: {@code command} (bash in the service's environment, ready on exit 0), {@code http} (GET, ready on
 * 2xx/3xx), {@code tcp} (ready when a connection is accepted) and {@code log} (ready when an output line matches).
 * After {@code initial-delay}, one attempt at a time, the next starting {@code interval} after the previous one
 * started (or at once if it took longer). Each attempt is bounded by {@link #attemptTimeout}. All probes share one
 * small scheduler of daemon threads; attempts are asynchronous, so no thread waits on a slow service. A tcp attempt
 * to a local port ends within its caller's {@code connect} ({@link TcpConnects}).
 *
 * <p>{@code onPass} runs exactly once, on a probe thread, and must be quick (the daemon posts an event). The
 * readiness timeout is not enforced here: the supervisor's timer does that and closes the probe.
 */
public final class Probes implements AutoCloseable {

    static final Duration MAX_ATTEMPT = Duration.ofSeconds(5);

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "envy-probe");
        t.setDaemon(true);
        return t;
    });
    private final TcpConnects tcp = new TcpConnects();
    /** Made by the first http check: building one loads TLS and the trust store (MBs, a thread, ~100 ms). */
    private HttpClient http;

    /**
     * Starts probing {@code service}'s process {@code pid}.
     *
     * @param environment the service's full environment (for command checks)
     * @param workingDir  where a command check runs (the service's resolved working directory)
     */
    public ProbeHandle start(String service, long pid, Readiness readiness, Map<String, String> environment,
                             Path workingDir, Runnable onPass) {
        Duration timeout = attemptTimeout(readiness.interval());
        return switch (readiness.check()) {
            case Readiness.LogCheck log -> new LogProbe(log.pattern(), onPass);
            case Readiness.CommandCheck command -> schedule(readiness, onPass,
                    new CommandAttempt(command.command(), environment, workingDir, timeout, scheduler));
            case Readiness.HttpCheck check -> schedule(readiness, onPass, () -> httpAttempt(check, timeout));
            case Readiness.TcpCheck check -> schedule(readiness, onPass, () -> tcpAttempt(check, timeout));
            case Readiness.NotifyCheck check -> ProbeHandle.NONE; // the service sends READY=1 itself (RD-1)
            case Readiness.Pending check -> ProbeHandle.NONE; // never reaches a probe: a manifest is applied resolved
        };
    }

    /**
     * RD-3: one attempt of {@code check} (a command, http or tcp check, as readiness runs them), bounded by
     * {@code timeout}; completes with whether it passed, never exceptionally. Nothing runs between two calls.
     */
    public CompletableFuture<Boolean> once(Readiness.Check check, Duration timeout, Map<String, String> environment,
                                           Path workingDir) {
        try {
            return switch (check) {
                case Readiness.CommandCheck command ->
                        new CommandAttempt(command.command(), environment, workingDir, timeout, scheduler).get();
                case Readiness.HttpCheck http -> httpAttempt(http, timeout);
                case Readiness.TcpCheck tcp -> tcpAttempt(tcp, timeout);
                case Readiness.LogCheck log -> CompletableFuture.completedFuture(false); // not a liveness kind
                case Readiness.NotifyCheck notify -> CompletableFuture.completedFuture(false); // not a liveness kind
                case Readiness.Pending pending -> CompletableFuture.completedFuture(false); // resolved when applied
            };
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(false);
        }
    }

    /** An attempt may take the interval, but at least {@link #MAX_ATTEMPT}: a check slower than a short interval can still pass. */
    static Duration attemptTimeout(Duration interval) {
        return interval.compareTo(MAX_ATTEMPT) > 0 ? interval : MAX_ATTEMPT;
    }

    private ProbeHandle schedule(Readiness readiness, Runnable onPass, Attempt attempt) {
        PeriodicProbe probe = new PeriodicProbe(scheduler, attempt, readiness.interval(), onPass);
        probe.startAfter(readiness.initialDelay());
        return probe;
    }

    /** One try of a check; completes with whether it passed, never exceptionally. */
    interface Attempt extends Supplier<CompletableFuture<Boolean>> {
        default void cancel() {}
    }

    private CompletableFuture<Boolean> httpAttempt(Readiness.HttpCheck check, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(check.uri()).GET().timeout(timeout).build();
        return http().sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> response.statusCode() >= 200 && response.statusCode() < 400)
                .exceptionally(failure -> false)
                .completeOnTimeout(false, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private CompletableFuture<Boolean> tcpAttempt(Readiness.TcpCheck check, Duration timeout) {
        return tcp.connect(check.host(), check.port(), timeout);
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .connectTimeout(MAX_ATTEMPT)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .executor(scheduler)
                    .build();
        }
        return http;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        tcp.close();
        synchronized (this) {
            if (http != null) {
                http.shutdownNow();
            }
        }
    }
}

package dev.envy.cli.up;

import dev.envy.cli.EnvyException;
import dev.envy.cli.ExitCode;
import dev.envy.cli.Project;
import dev.envy.cli.attach.DaemonPort;
import dev.envy.cli.attach.LiveView;
import dev.envy.cli.client.DaemonRequests;
import dev.envy.cli.client.ProgressLine;
import dev.envy.cli.logs.LiveLogs;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.core.protocol.ServiceView;
import dev.envy.core.runtime.ProjectPaths;
import dev.envy.host.client.DaemonConnector;
import dev.envy.host.os.ProcStat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * AC-6, foreground: {@code envy up} registers its own JVM as an activation (so SIGKILL of it is an activation exit
 * the daemon tears down after, like any other), starts every autostart service showing progress, then prints the
 * services' combined logs from where they ended when {@code envy up} began (older runs' lines are not repeated)
 * until Ctrl-C or SIGTERM; then it stops every service (reverse dependency order, awaited) and returns: 0, or 1
 * when a service failed to start (everything is stopped first).
 *
 * <p>TV-1, on a terminal: the same start under the live view of {@code envy attach}; leaving it ({@code q}, Ctrl-C)
 * asks whether to detach, which takes the detached hold so the services keep running until {@code envy down}, or
 * to stop everything as above. SIGTERM stops everything without asking. The exit code is 1 when the start failed.
 */
public final class ForegroundUp {
    /** How often new log lines are looked for. */
    static final Duration POLL = Duration.ofMillis(100);
    /** How often (in polls) whether the daemon still runs is checked: {@code envy down} elsewhere ends us too. */
    static final int DAEMON_CHECK_POLLS = 10;
    /** How long the start answer may take after a stop was requested during starting. */
    static final Duration START_AFTER_STOP = Duration.ofSeconds(60);

    private final DaemonConnector connector;
    private final Project project;
    private final List<String> services;
    private final Output output;
    private final Duration timeout;
    private final StopSignal stop;

    /**
     * Where the output goes: {@code out}/{@code err} for envy's own lines, {@code logs} (the same stdout, as bytes)
     * for the services' lines; {@code terminal} selects the live start view, {@code colour} the coloured prefixes,
     * {@code view} the full-screen live view instead of lines.
     */
    public record Output(PrintWriter out, PrintWriter err, OutputStream logs, boolean terminal, boolean colour,
                         boolean view) {
        public Output(PrintWriter out, PrintWriter err, OutputStream logs, boolean terminal, boolean colour) {
            this(out, err, logs, terminal, colour, false);
        }
    }

    ForegroundUp(DaemonConnector connector, Project project, List<String> services, Output output, Duration timeout,
                 StopSignal stop) {
        this.connector = connector;
        this.project = project;
        this.services = List.copyOf(services);
        this.output = output;
        this.timeout = timeout;
        this.stop = stop;
    }

    /** With Ctrl-C and SIGTERM taken over for the stop. */
    public static ForegroundUp withSignals(DaemonConnector connector, Project project, List<String> services,
                                           Output output, Duration timeout) {
        return new ForegroundUp(connector, project, services, output, timeout, StopSignal.install(output.err()));
    }

    public int run() throws IOException, InterruptedException {
        if (output.view()) {
            return runInView();
        }
        try (LiveLogs logs = LiveLogs.fromEnd(ProjectPaths.of(project.dir()).logsDir(), services, output.logs(),
                output.colour())) {
            attach();
            Optional<Response.Result> started = start();
            output.out().flush();
            logs.pump(); // this run's lines so far, a failed service's last words among them
            boolean failed = started.isPresent() && !reportedOk(started.get());
            if (!failed && !stop.requested()) {
                output.err().println("envy: services up; Ctrl-C stops them");
                output.err().flush();
                if (!follow(logs)) {
                    return ExitCode.OK; // stopped from elsewhere (envy down): nothing left to stop
                }
            }
            int stopped = stopAll(logs);
            return !failed && stopped == ExitCode.OK ? ExitCode.OK : ExitCode.FAILED;
        }
    }

    /** TV-1: the start and then the services under the live view, until it is left. */
    private int runInView() throws IOException, InterruptedException {
        attach();
        AtomicReference<Response> started = new AtomicReference<>();
        AtomicReference<RuntimeException> unreached = new AtomicReference<>();
        LiveView.Left left = LiveView.show(project, DaemonPort.of(connector), true, InstantSource.system(),
                output.colour(), view -> view.sendFirst(new Request.Start(List.of(), true, timeout.toMillis()),
                        "starting the services", started::set, unreached::set));
        boolean failed = startFailed(started.get(), unreached.get());
        return switch (left.ending()) {
            case DETACH -> {
                new DaemonRequests(connector, output.out()).sendIfRunning(new Request.Hold());
                output.err().println("envy: detached; the services keep running until `envy down` (`envy attach` "
                        + "shows them again)");
                output.err().flush();
                yield failed ? ExitCode.FAILED : ExitCode.OK;
            }
            case STOP_ALL -> stopAllAfterView() == ExitCode.OK && !failed ? ExitCode.OK : ExitCode.FAILED;
            case DAEMON_GONE -> {
                output.err().println("envy: the environment's daemon has stopped (envy down?); exiting");
                output.err().flush();
                yield failed ? ExitCode.FAILED : ExitCode.OK;
            }
        };
    }

    /** What the view's start came to, told now that the terminal is back: true when it failed. */
    private boolean startFailed(Response answer, RuntimeException unreached) {
        if (unreached != null) {
            output.err().println("envy: " + unreached.getMessage());
            output.err().flush();
            return true;
        }
        if (answer == null) {
            return false; // left before the start was answered: not failed, and stopping or detaching follows
        }
        if (answer instanceof Response.Error e) {
            output.err().println("envy: " + e.message());
            output.err().flush();
            return true;
        }
        if (!(answer instanceof Response.Result result)) {
            throw DaemonRequests.unexpected(answer);
        }
        return !reportedOk(result);
    }

    /** Stops everything once the view has gone, with the lines the services write while stopping. */
    private int stopAllAfterView() throws IOException {
        try (LiveLogs logs = LiveLogs.fromEnd(ProjectPaths.of(project.dir()).logsDir(), services, output.logs(),
                output.colour())) {
            return stopAll(logs);
        }
    }

    /** Registers this JVM (pid and /proc start time) with the daemon, starting it if needed. */
    private void attach() {
        long pid = ProcessHandle.current().pid();
        long startTime = ProcStat.startTime(pid).orElseThrow(() -> EnvyException.daemon(
                "cannot read this process's start time from /proc/" + pid + "/stat", "envy needs Linux's /proc"));
        new DaemonRequests(connector, output.out()).sendStarting(new Request.Attach(pid, startTime));
    }

    /**
     * Starts every autostart service; the daemon's answer, or empty when a stop request (Ctrl-C) came first, which
     * ends the view: the stop that follows reports the rest.
     */
    private Optional<Response.Result> start() throws InterruptedException {
        StartView view = StartView.of(output.out(), output.terminal(), output.colour());
        DaemonRequests requests = new DaemonRequests(connector, output.out(), view::progress);
        CompletableFuture<Response> answer = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                answer.complete(running(requests.send(new Request.Start(List.of(), true, timeout.toMillis()),
                        DaemonConnector.Start.NEVER)));
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        while (!answer.isDone() && !stop.await(POLL)) {
            // waiting for the services, or for Ctrl-C
        }
        view.finish();
        if (!answer.isDone()) {
            return Optional.empty(); // interrupted, not failed: stopping follows, and ends the daemon's start too
        }
        Response response = await(answer);
        if (!(response instanceof Response.Result result)) {
            throw response instanceof Response.Error e ? new EnvyException(e.exitCode(), e.message(), e.hint())
                    : DaemonRequests.unexpected(response);
        }
        return Optional.of(result);
    }

    /**
     * ST-9 in the foreground: each failure once, as the daemon words it, and where the log of a service that ran is.
     * Its last lines are not repeated: they were just shown with the rest of this run's logs. True when all is up.
     */
    private boolean reportedOk(Response.Result result) {
        PrintWriter err = output.err();
        result.errors().forEach(e -> err.println("envy: " + e));
        result.logTails().forEach(t -> err.println("envy: the log of " + t.service() + " is "
                + ProjectPaths.of(project.dir()).serviceLog(t.service())));
        err.flush();
        return result.exitCode() == 0 && result.services().stream().noneMatch(v -> failure(v.status()));
    }

    /** Prints new log lines until a stop is requested (true) or the daemon has gone (false). */
    private boolean follow(LiveLogs logs) throws IOException, InterruptedException {
        int polls = 0;
        while (!stop.await(POLL)) {
            logs.pump();
            if (++polls % DAEMON_CHECK_POLLS == 0 && !new DaemonRequests(connector, output.out()).status().running()) {
                logs.pump();
                output.err().println("envy: the environment's daemon has stopped (envy down?); exiting");
                output.err().flush();
                return false;
            }
        }
        return true;
    }

    /**
     * Stops every service in reverse dependency order and waits for them; then prints the lines they wrote while
     * stopping, and one line for each service this stop stopped. Services that were not running (failed, blocked,
     * completed: said already) are not listed again.
     */
    private int stopAll(LiveLogs logs) throws IOException {
        PrintWriter out = output.out();
        out.println("envy: stopping the services…");
        out.flush();
        Response answer = running(new DaemonRequests(connector, out).send(new Request.Stop(List.of(), true),
                DaemonConnector.Start.NEVER));
        logs.pump();
        if (answer instanceof Response.Result r) {
            // SP-6's notes (`web: not running`) name the services this stop did not touch
            Set<String> untouched = r.services().stream().map(ServiceView::name)
                    .filter(name -> r.notes().stream().anyMatch(n -> n.startsWith(name + ": ")))
                    .collect(Collectors.toSet());
            r.notes().stream().filter(n -> untouched.stream().noneMatch(name -> n.startsWith(name + ": ")))
                    .forEach(out::println);
            // in the order they stopped (dependents first, as daemon.log has it); within one millisecond, later
            // in the manifest first
            List<ServiceView> all = r.services();
            all.stream().filter(v -> v.status().equals("stopped") && !untouched.contains(v.name()))
                    .sorted(Comparator.comparingLong(ServiceView::sinceMillis)
                            .thenComparing(Comparator.comparingInt(all::indexOf).reversed()))
                    .forEach(v -> out.println(ProgressLine.of(new Response.Progress(v.name(), v.status(),
                            v.message()))));
            out.flush();
            r.errors().forEach(e -> output.err().println("envy: " + e));
            output.err().flush();
            return r.exitCode() == 0 ? ExitCode.OK : ExitCode.FAILED;
        }
        throw answer instanceof Response.Error e ? new EnvyException(e.exitCode(), e.message(), e.hint())
                : DaemonRequests.unexpected(answer);
    }

    /** The answer of the daemon that `envy up` started; an error when it has gone. */
    private Response running(Optional<Response> answer) {
        return answer.orElseThrow(() -> EnvyException.daemon(
                "the daemon of " + project.dir() + " stopped while `envy up` was running",
                "see " + project.daemonLog()));
    }

    private Response await(CompletableFuture<Response> answer) throws InterruptedException {
        try {
            return answer.get(START_AFTER_STOP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw EnvyException.daemon("the daemon did not answer the start within "
                    + START_AFTER_STOP.toSeconds() + "s", "see " + project.daemonLog());
        }
    }

    private static boolean failure(String status) {
        return status.equals("failed") || status.equals("blocked") || status.equals("backoff");
    }
}

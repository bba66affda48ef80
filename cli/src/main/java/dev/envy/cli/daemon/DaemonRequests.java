package dev.envy.cli.daemon;

import dev.envy.cli.EnvyException;
import dev.envy.cli.Project;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Sends one request to a project's daemon the way every command does: streamed progress printed as it comes
 * ({@code db: ready}), a refusal turned into an {@link EnvyException} with the daemon's exit code and hint, and a
 * {@code shutting-down} answer (CS-7) waited out and retried once against the next daemon.
 */
public final class DaemonRequests {
    /** How long a daemon that said it is shutting down may take to go. */
    public static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(60);

    private final DaemonConnector connector;
    private final Project project;
    private final PrintWriter out;
    private final Consumer<Response.Progress> progress;

    public DaemonRequests(DaemonConnector connector, Project project, PrintWriter out) {
        this(connector, project, out, p -> {
            out.println(ProgressLine.of(p));
            out.flush();
        });
    }

    /** With streamed progress shown by {@code progress} (e.g. a live view) instead of one line each. */
    public DaemonRequests(DaemonConnector connector, Project project, PrintWriter out,
                          Consumer<Response.Progress> progress) {
        this.connector = connector;
        this.project = project;
        this.out = out;
        this.progress = progress;
    }

    /** Sends to the running daemon; empty when none runs (none is ever started). */
    public Optional<Response> sendIfRunning(Request request) {
        Optional<DaemonSession> session = connector.connectIfRunning(project);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        Response response = call(session.get(), request);
        if (response instanceof Response.ShuttingDown) {
            awaitGone();
            session = connector.connectIfRunning(project);
            if (session.isEmpty()) {
                return Optional.empty();
            }
            response = session.get().call(request, this::printStreamed);
        }
        return Optional.of(checked(response));
    }

    /** Sends to the daemon, starting it first when none runs (only {@code up} and {@code activate}). */
    public Response sendStarting(Request request) {
        Response response = call(connector.ensureRunning(project), request);
        if (response instanceof Response.ShuttingDown) {
            awaitGone();
            response = connector.ensureRunning(project).call(request, this::printStreamed);
        }
        return checked(response);
    }

    /**
     * One call. Between deciding to exit and removing its socket, a daemon drops a new client instead of answering
     * shutting-down (AC-5): a dropped connection whose daemon then releases its lock is answered as shutting-down.
     */
    private Response call(DaemonSession session, Request request) {
        try {
            return session.call(request, this::printStreamed);
        } catch (EnvyException e) {
            boolean dropped = e.getCause() instanceof java.io.IOException
                    && !(e.getCause() instanceof dev.envy.cli.client.DaemonException);
            if (dropped && connector.awaitGone(project, dev.envy.cli.client.DaemonConnector.EXIT_GRACE)) {
                return new Response.ShuttingDown();
            }
            throw e;
        }
    }

    /** Prints a final {@link Response.Result} (notes to stdout, errors to stderr) and returns its exit code. */
    public static int finish(Response response, PrintWriter out, PrintWriter err) {
        if (response instanceof Response.Result result) {
            result.notes().forEach(out::println);
            result.errors().forEach(err::println);
            return result.exitCode();
        }
        throw unexpected(response);
    }

    /** A final answer the command did not expect: a version skew or a bug, reported as daemon trouble (exit 3). */
    public static EnvyException unexpected(Response response) {
        return EnvyException.daemon("the daemon gave an unexpected answer (" + response.tag() + ")",
                "run `envy down` and try again; the daemon may be from another envy version");
    }

    /** Waits until a daemon that answered {@code shutting-down} has gone; exit 3 if it does not in time. */
    public void awaitGone() {
        if (!connector.awaitGone(project, SHUTDOWN_WAIT)) {
            throw EnvyException.daemon("the daemon of " + project.dir() + " is shutting down and did not finish within "
                    + SHUTDOWN_WAIT.toSeconds() + "s", "see " + project.daemonLog() + ", then try again");
        }
    }

    private Response checked(Response response) {
        return switch (response) {
            case Response.Error error -> throw new EnvyException(error.exitCode(), error.message(), error.hint());
            case Response.ShuttingDown s -> throw EnvyException.daemon(
                    "the daemon of " + project.dir() + " is shutting down", "try again in a moment");
            case Response.Result r -> r;
            case Response.StatusReport r -> r;
            case Response.Welcome w -> throw unexpected(w);
            case Response.Progress p -> throw unexpected(p);
            case Response.LogLine l -> throw unexpected(l);
            case Response.StatusChanged c -> throw unexpected(c);
        };
    }

    private void printStreamed(Response frame) {
        switch (frame) {
            case Response.Progress p -> progress.accept(p);
            case Response.LogLine l -> out.println(l.service() + " | " + l.line());
            // never streamed: a final answer is returned by call() and handled by the caller
            case Response.Welcome w -> { }
            case Response.Result r -> { }
            case Response.StatusReport r -> { }
            case Response.StatusChanged c -> { }
            case Response.Error e -> { }
            case Response.ShuttingDown s -> { }
        }
        out.flush();
    }
}

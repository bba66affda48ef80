package dev.envy.cli.client;

import dev.envy.cli.EnvyException;
import dev.envy.cli.ExitCode;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.host.client.DaemonConnector;
import dev.envy.host.client.DaemonException;
import dev.envy.host.client.DaemonStatus;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The CLI's face of the daemon client ({@link DaemonConnector}, which connects, starts and retries): streamed
 * progress printed as it comes ({@code db: ready}), a refusal turned into an {@link EnvyException} with the daemon's
 * exit code and hint, and trouble reaching the daemon into exit 3 with the daemon log's tail when there is one.
 */
public final class DaemonRequests {

    private final DaemonConnector connector;
    private final PrintWriter out;
    private final Consumer<Response.Progress> progress;

    public DaemonRequests(DaemonConnector connector, PrintWriter out) {
        this(connector, out, p -> {
            out.println(ProgressLine.of(p));
            out.flush();
        });
    }

    /** With streamed progress shown by {@code progress} (e.g. a live view) instead of one line each. */
    public DaemonRequests(DaemonConnector connector, PrintWriter out, Consumer<Response.Progress> progress) {
        this.connector = connector;
        this.out = out;
        this.progress = progress;
    }

    /** Sends to the running daemon; empty when none runs (none is ever started). */
    public Optional<Response> sendIfRunning(Request request) {
        return send(request, DaemonConnector.Start.NEVER)
                .filter(r -> !(r instanceof Response.ShuttingDown)) // it was going, and has gone
                .map(this::checked);
    }

    /** Sends to the daemon, starting it first when none runs (only {@code up} and {@code activate}). */
    public Response sendStarting(Request request) {
        return checked(send(request, DaemonConnector.Start.WHEN_NEEDED).orElseThrow());
    }

    /**
     * The daemon's final answer as it is, refusals included; empty when none runs. With {@link
     * DaemonConnector.Start#NEVER}, a daemon that answered {@code shutting-down} and has gone without a successor
     * answers {@link Response.ShuttingDown}.
     */
    public Optional<Response> send(Request request, DaemonConnector.Start start) {
        try {
            return connector.call(request, this::printStreamed, start);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /** CS-9: whether the daemon runs, without talking to it. */
    public DaemonStatus status() {
        try {
            return connector.status();
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /** Waits until the daemon has gone (after {@code down}); exit 3 if it does not in time. */
    public void awaitGone() {
        try {
            connector.awaitGone();
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /**
     * Prints a final {@link Response.Result} (notes to stdout; errors, then the failed services' last log lines, to
     * stderr) and returns its exit code.
     */
    public static int finish(Response response, PrintWriter out, PrintWriter err) {
        if (response instanceof Response.Result result) {
            result.notes().forEach(out::println);
            result.errors().forEach(err::println);
            logTailLines(result).forEach(err::println);
            return result.exitCode();
        }
        throw unexpected(response);
    }

    /** ST-9: what a result shows of its failed services' last run: {@code last log lines of db:}, {@code   db | …}. */
    public static List<String> logTailLines(Response.Result result) {
        List<String> lines = new java.util.ArrayList<>();
        for (Response.LogTail tail : result.logTails()) {
            lines.add("last log lines of " + tail.service() + ":");
            tail.lines().forEach(line -> lines.add("  " + tail.service() + " | " + line));
        }
        return lines;
    }

    /** A final answer the command did not expect: a version skew or a bug, reported as daemon trouble (exit 3). */
    public static EnvyException unexpected(Response response) {
        return EnvyException.daemon("the daemon gave an unexpected answer (" + response.tag() + ")",
                "run `envy down` and try again; the daemon may be from another envy version");
    }

    /** Trouble with the daemon as the user reads it: exit 3 (or the daemon's own code), a hint, the log's tail. */
    public static EnvyException translate(IOException e) {
        if (e instanceof DaemonException d) {
            return new EnvyException(d.exitCode(), d.getMessage(), d.hint(), d.logTail(), d);
        }
        return new EnvyException(ExitCode.DAEMON, "cannot talk to the daemon: " + e.getMessage(),
                "run `envy daemon status`; `envy down` and a new start often help", List.of(), e);
    }

    private Response checked(Response response) {
        return switch (response) {
            case Response.Error error -> throw new EnvyException(error.exitCode(), error.message(), error.hint());
            case Response.ShuttingDown s -> throw EnvyException.daemon(
                    "the daemon of " + connector.projectDir() + " is shutting down", "try again in a moment");
            case Response.Result r -> r;
            case Response.StatusReport r -> r;
            case Response.Welcome w -> throw unexpected(w);
            case Response.Progress p -> throw unexpected(p);
            case Response.StatusChanged c -> throw unexpected(c);
        };
    }

    private void printStreamed(Response frame) {
        switch (frame) {
            case Response.Progress p -> progress.accept(p);
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

package dev.envy.core.protocol;

import java.util.List;

/** What the daemon answers. {@link Progress} and {@link StatusChanged} are streamed; every other response is final. */
public sealed interface Response {

    String tag();

    /** The answer to {@link Request.Hello}. */
    record Welcome(int protocolVersion, String daemonVersion, long daemonPid) implements Response {
        public String tag() { return "welcome"; }
    }

    /** A service changed state while a request waits for it (e.g. {@code db: ready}). */
    record Progress(String service, String status, String detail) implements Response {
        public String tag() { return "progress"; }
    }

    /**
     * The final answer to a command.
     *
     * @param exitCode the exit code the CLI should end with (0, 1 or 2 as in the behaviour contract)
     * @param notes    lines for the user's stdout ({@code web: already running})
     * @param errors   lines for stderr ({@code db: failed with exit code 3})
     * @param services the targeted services' state after the command
     * @param logTails ST-9: the last log lines of this run of each service the result says failed, to be shown after
     *                 the errors (a client that streams the services' logs itself, as {@code envy up} does, has
     *                 shown them already)
     */
    record Result(int exitCode, List<String> notes, List<String> errors, List<ServiceView> services,
                  List<LogTail> logTails) implements Response {
        public Result {
            notes = List.copyOf(notes);
            errors = List.copyOf(errors);
            services = List.copyOf(services);
            logTails = List.copyOf(logTails);
        }

        /** A result that shows no service's log. */
        public Result(int exitCode, List<String> notes, List<String> errors, List<ServiceView> services) {
            this(exitCode, notes, errors, services, List.of());
        }

        /** The same result with {@code tails} (the daemon adds them as it sends the result). */
        public Result withLogTails(List<LogTail> tails) {
            return new Result(exitCode, notes, errors, services, tails);
        }

        public String tag() { return "result"; }
    }

    /** The last lines one service wrote in its current (or last) run, without their time stamps. */
    record LogTail(String service, List<String> lines) {
        public LogTail {
            lines = List.copyOf(lines);
        }
    }

    /** The answer to {@link Request.Status}. {@code manifestStale}: the file on disk differs from the applied one. */
    record StatusReport(List<ServiceView> services, boolean manifestStale, int activations, boolean hold)
            implements Response {
        public StatusReport { services = List.copyOf(services); }
        public String tag() { return "status"; }
    }

    /** TV-1: the environment's state, streamed to a {@link Request.Watch} at once and after every change. */
    record StatusChanged(StatusReport report) implements Response {
        public String tag() { return "status-changed"; }
    }

    /** A request that was refused (exit 2: invalid; exit 3: daemon trouble), with a hint. */
    record Error(int exitCode, String message, String hint) implements Response {
        public String tag() { return "error"; }
    }

    /** CS-7: the daemon is shutting down and takes no new request; the client retries against a fresh daemon. */
    record ShuttingDown() implements Response {
        public String tag() { return "shutting-down"; }
    }
}

package dev.envy.cli.export;

import dev.envy.core.manifest.Readiness;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A service's readiness check as a bash loop for {@code ExecStartPost=}: systemd counts the unit as started (and
 * starts what is ordered after it) only once the loop exits 0, and fails the start when it exits 1 at
 * {@code readiness.timeout}. Needs bash and coreutils ({@code timeout}, {@code date}, {@code sleep}, {@code tail},
 * {@code stat}) and nothing else, except {@code curl} for an {@code https://} check. Like envy's own probes: after
 * {@code initial-delay}, one attempt every {@code interval}, each attempt bounded by the longer of the interval and
 * 5 s; the timeout counts from the start of the loop, right after the process was spawned.
 */
final class ReadinessScript {
    /** The shortest bound on one attempt, as in envy's probes. */
    static final Duration MIN_ATTEMPT = Duration.ofSeconds(5);
    /** The file under {@code RuntimeDirectory=} holding the log's size when the service was started. */
    static final String LOG_OFFSET = "log-offset";

    private ReadinessScript() {
    }

    /** The check as one bash script, or empty for a log check whose pattern bash cannot match. */
    static String loop(String service, Readiness readiness, Path logFile) {
        Duration attempt = readiness.interval().compareTo(MIN_ATTEMPT) > 0 ? readiness.interval() : MIN_ATTEMPT;
        String timeoutWords = UnitSyntax.span(readiness.timeout());
        StringBuilder s = new StringBuilder();
        s.append("end=$(($(date +%s%3N) + ").append(readiness.timeout().toMillis()).append(")); ");
        if (readiness.check() instanceof Readiness.LogCheck log) {
            s.append("offset=$(cat \"$RUNTIME_DIRECTORY/").append(LOG_OFFSET).append("\" 2>/dev/null); ");
            s.append("re=").append(UnitSyntax.bash(ere(log).orElse(""))).append("; ");
        }
        if (!readiness.initialDelay().isZero()) {
            s.append("sleep ").append(UnitSyntax.seconds(readiness.initialDelay())).append("; ");
        }
        s.append("until ").append(attempt(readiness.check(), attempt, logFile)).append("; do ");
        s.append("if (($(date +%s%3N) >= end)); then echo ")
                .append(UnitSyntax.bash("envy: " + service + " was not ready within " + timeoutWords + " ("
                        + describe(readiness.check()) + ")"))
                .append(" >&2; exit 1; fi; ");
        s.append("sleep ").append(UnitSyntax.seconds(readiness.interval())).append("; done");
        return s.toString();
    }

    /** The log check's pattern as bash matches it, or empty when it has no such form. */
    static Optional<String> ere(Readiness.LogCheck log) {
        return Ere.of(log.pattern().pattern()) instanceof Ere.Translated t ? Optional.of(t.pattern()) : Optional.empty();
    }

    /** {@code ExecStartPre=} of a log check: remember where the log ends, so only this start's lines count. */
    static String logOffset(Path logFile) {
        String file = UnitSyntax.bash(logFile.toString());
        return "stat -c %s " + file + " >\"$RUNTIME_DIRECTORY/" + LOG_OFFSET + "\" 2>/dev/null || echo 0 >\"$RUNTIME_DIRECTORY/"
                + LOG_OFFSET + "\"";
    }

    private static String attempt(Readiness.Check check, Duration attempt, Path logFile) {
        String limit = "timeout " + UnitSyntax.seconds(attempt) + " ";
        return switch (check) {
            case Readiness.CommandCheck c -> limit + "bash -c " + UnitSyntax.bash(c.command()) + " >/dev/null 2>&1";
            case Readiness.TcpCheck t -> limit + "bash -c " + UnitSyntax.bash(": <>\"/dev/tcp/$0/$1\"") + " "
                    + UnitSyntax.bash(t.host()) + " " + t.port() + " 2>/dev/null";
            case Readiness.HttpCheck h -> "https".equalsIgnoreCase(h.uri().getScheme())
                    ? "curl -fs -o /dev/null --max-time " + UnitSyntax.seconds(attempt) + " "
                    + UnitSyntax.bash(h.uri().toString())
                    : limit + "bash -c " + UnitSyntax.bash(HTTP_GET) + " " + UnitSyntax.bash(host(h.uri())) + " "
                    + port(h.uri()) + " " + UnitSyntax.bash(target(h.uri())) + " "
                    + UnitSyntax.bash(hostHeader(h.uri())) + " 2>/dev/null";
            case Readiness.LogCheck l -> "tail -c +$((${offset:-0} + 1)) " + UnitSyntax.bash(logFile.toString())
                    + " 2>/dev/null | { while IFS= read -r line || [[ -n $line ]]; do [[ $line =~ $re ]] && exit 0; done; "
                    + "exit 1; }";
            case Readiness.NotifyCheck n -> "false"; // Type=notify: systemd itself waits for READY=1
            case Readiness.Pending p -> "false"; // the export resolves every check first
        };
    }

    /** An HTTP/1.1 GET over bash's {@code /dev/tcp}: ready when the status is 2xx or 3xx. */
    private static final String HTTP_GET = "exec 3<>\"/dev/tcp/$0/$1\" && printf \"GET %s HTTP/1.1\\r\\nHost: %s\\r\\n"
            + "Connection: close\\r\\n\\r\\n\" \"$2\" \"$3\" >&3 && read -r _ code _ <&3 && [[ $code == [23][0-9][0-9] ]]";

    static String describe(Readiness.Check check) {
        return "readiness." + check.kind() + " " + switch (check) {
            case Readiness.CommandCheck c -> c.command();
            case Readiness.TcpCheck t -> t.host() + ":" + t.port();
            case Readiness.HttpCheck h -> h.uri().toString();
            case Readiness.LogCheck l -> l.pattern().pattern();
            case Readiness.NotifyCheck n -> "= true";
            case Readiness.Pending p -> p.text();
        };
    }

    private static String host(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : 80;
    }

    private static String target(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    private static String hostHeader(URI uri) {
        return uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
    }
}

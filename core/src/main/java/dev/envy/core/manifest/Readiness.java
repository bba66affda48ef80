package dev.envy.core.manifest;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * {@code readiness.*} of a service: exactly one kind of check plus its timing.
 *
 * @param interval     probe period (default 500 ms)
 * @param timeout      time after which the start fails (default 60 s)
 * @param initialDelay delay before the first probe (default 0)
 */
public record Readiness(Check check, Duration interval, Duration timeout, Duration initialDelay) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(500);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public static Readiness of(Check check) {
        return new Readiness(check, DEFAULT_INTERVAL, DEFAULT_TIMEOUT, Duration.ZERO);
    }

    /**
     * ST-11: the TCP port of this machine the check connects to ({@code readiness.tcp} or {@code .http} at
     * {@code localhost}, a loopback or a wildcard address), which something else must not hold before the service
     * starts: its answer would make the service look ready.
     */
    public java.util.OptionalInt localPort() {
        return switch (check) {
            case TcpCheck t -> isLocal(t.host()) ? java.util.OptionalInt.of(t.port()) : java.util.OptionalInt.empty();
            case HttpCheck h -> isLocal(h.uri().getHost())
                    ? java.util.OptionalInt.of(h.uri().getPort() > 0 ? h.uri().getPort()
                            : "https".equalsIgnoreCase(h.uri().getScheme()) ? 443 : 80)
                    : java.util.OptionalInt.empty();
            case CommandCheck c -> java.util.OptionalInt.empty();
            case Pending p -> java.util.OptionalInt.empty();
            case LogCheck l -> java.util.OptionalInt.empty();
            case NotifyCheck n -> java.util.OptionalInt.empty();
        };
    }

    private static boolean isLocal(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("0.0.0.0")
                || h.equals("::") || h.equals("0:0:0:0:0:0:0:1");
    }

    /** The service reports readiness itself over sd_notify (RD-1): no probe runs. */
    public boolean viaNotify() {
        return check instanceof NotifyCheck;
    }

    /** The kinds of readiness check: a closed set. */
    public sealed interface Check {
        /** The manifest key of this kind: {@code command}, {@code http}, {@code tcp}, {@code log}, {@code notify}. */
        String kind();
    }

    /** A command run by bash in the service's environment; ready when it exits 0. */
    public record CommandCheck(String command) implements Check {
        public String kind() { return "command"; }
    }

    /** An HTTP GET; ready on a 2xx or 3xx answer. */
    public record HttpCheck(URI uri) implements Check {
        public String kind() { return "http"; }
    }

    /** A TCP connect to {@code host:port}. */
    public record TcpCheck(String host, int port) implements Check {
        public String kind() { return "tcp"; }
    }

    /**
     * RD-1, {@code readiness.notify = true}: the service says it is ready itself, by sending {@code READY=1} to the
     * {@code NOTIFY_SOCKET} envy gives it (the sd_notify protocol).
     */
    public record NotifyCheck() implements Check {
        public String kind() { return "notify"; }
    }

    /**
     * A {@code readiness.http} or {@code .tcp} whose text names variables ({@code "http://127.0.0.1:${PORT}/"}), as
     * written: {@link Resolution} turns it into the {@link HttpCheck} or {@link TcpCheck} it stands for once the
     * service's environment is known, when the manifest is applied.
     *
     * @param of   {@code http} or {@code tcp}
     * @param text the value with its {@code ${NAME}} references
     */
    public record Pending(String of, String text) implements Check {
        public String kind() { return of; }
    }

    /** Ready once a line of the service's output matches. */
    public record LogCheck(Pattern pattern) implements Check {
        public String kind() { return "log"; }

        @Override
        public boolean equals(Object o) {
            return o instanceof LogCheck other && other.pattern.pattern().equals(pattern.pattern())
                    && other.pattern.flags() == pattern.flags();
        }

        @Override
        public int hashCode() {
            return pattern.pattern().hashCode();
        }
    }
}

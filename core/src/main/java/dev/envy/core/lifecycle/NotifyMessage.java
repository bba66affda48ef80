package dev.envy.core.lifecycle;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * One sd_notify datagram (RD-1, RD-2), as a service sends it to its {@code NOTIFY_SOCKET}: newline-separated
 * {@code KEY=VALUE} assignments. The keys envy acts on are read; every other one (and a malformed line) is ignored,
 * as systemd ignores what it does not know.
 *
 * @param ready    {@code READY=1}: the service is ready
 * @param status   {@code STATUS=…}: a free-form line shown in {@code services status}
 * @param mainPid  {@code MAINPID=N}: the process that is the service (a daemon's forked child)
 * @param watchdog {@code WATCHDOG=1}: the keep-alive ping
 * @param watchdogTrigger {@code WATCHDOG=trigger}: the service asks to be treated as hung
 * @param stopping {@code STOPPING=1}: the service began its shutdown
 */
public record NotifyMessage(boolean ready, Optional<String> status, OptionalLong mainPid, boolean watchdog,
                            boolean watchdogTrigger, boolean stopping) {

    /** The largest datagram read; sd_notify messages are a few bytes, systemd accepts up to a page or so. */
    public static final int MAX_BYTES = 4096;

    public static NotifyMessage parse(String datagram) {
        boolean ready = false, watchdog = false, trigger = false, stopping = false;
        Optional<String> status = Optional.empty();
        OptionalLong mainPid = OptionalLong.empty();
        for (String line : datagram.split("\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            switch (key) {
                case "READY" -> ready |= value.equals("1");
                case "STATUS" -> status = Optional.of(value.strip());
                case "MAINPID" -> mainPid = positive(value).isPresent() ? positive(value) : mainPid;
                case "WATCHDOG" -> {
                    watchdog |= value.equals("1");
                    trigger |= value.equals("trigger");
                }
                case "STOPPING" -> stopping |= value.equals("1");
                default -> { }
            }
        }
        return new NotifyMessage(ready, status, mainPid, watchdog, trigger, stopping);
    }

    private static OptionalLong positive(String value) {
        try {
            long n = Long.parseLong(value.strip());
            return n > 0 ? OptionalLong.of(n) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}

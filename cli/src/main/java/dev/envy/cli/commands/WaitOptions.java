package dev.envy.cli.commands;

import picocli.CommandLine.Option;

import java.time.Duration;

/** ST-4/RS-4: how long a command that starts services waits for them; shared by start, restart and up. */
public final class WaitOptions {

    @Option(names = "--no-wait", description = "Return once the daemon accepted the request.")
    boolean noWait;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "60s",
            description = "How long to wait for the services (default: ${DEFAULT-VALUE}; e.g. 30s, 2m).")
    Duration timeout;

    /** Whether the command waits until the services are running/ready. */
    boolean await() {
        return !noWait;
    }
}

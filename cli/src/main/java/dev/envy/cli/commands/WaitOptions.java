package dev.envy.cli.commands;

import dev.envy.cli.Binding;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.time.Duration;

/** ST-4/RS-4: how long a command that starts services waits for them; shared by start, restart and up. */
public final class WaitOptions {
    /** The default of {@code --timeout}, and what the live view's restart waits. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    boolean noWait;

    Duration timeout;

    /** Adds {@code --no-wait} and {@code --timeout} to a command. */
    void addTo(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("--no-wait")
                .description("Return once the daemon accepted the request.")
                .type(boolean.class).setter(Binding.to((Boolean v) -> noWait = v)).build());
        spec.addOption(OptionSpec.builder("--timeout").paramLabel("DURATION").defaultValue(DEFAULT_TIMEOUT.toSeconds() + "s")
                .converters(new DurationConverter())
                .description("How long to wait for the services (default: ${DEFAULT-VALUE}; e.g. 30s, 2m).")
                .type(Duration.class).setter(Binding.to((Duration v) -> timeout = v)).build());
    }

    /** Whether the command waits until the services are running/ready. */
    boolean await() {
        return !noWait;
    }
}

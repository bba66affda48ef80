package dev.envy.cli;

import dev.envy.cli.daemon.DaemonConnector;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.function.Function;

/**
 * The edges a command run depends on, injected so unit tests run commands in-process: the working directory, the
 * environment variables, the current system ({@code x86_64-linux}), the clock and the way to reach daemons.
 *
 * @param daemons builds the connector from the run's environment (lazily: most commands never need one)
 */
public record CliContext(Path workingDir, Map<String, String> env, String system, InstantSource clock,
                         Function<CliContext, DaemonConnector> daemons) {

    public CliContext {
        env = Map.copyOf(env);
    }

    public DaemonConnector daemonConnector() {
        return daemons.apply(this);
    }
}

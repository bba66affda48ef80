package dev.envy.cli;

import dev.envy.host.client.DaemonConnector;
import dev.envy.host.client.DaemonLink;
import dev.envy.host.client.Deadlines;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.function.Function;

/**
 * The edges a command run depends on, injected so unit tests run commands in-process: the working directory, the
 * environment variables, the current system ({@code x86_64-linux}), the clock and the way to reach daemons.
 *
 * @param daemons how to reach daemons, from the run's environment (built lazily: most commands never need one)
 */
public record CliContext(Path workingDir, Map<String, String> env, String system, InstantSource clock,
                         Function<CliContext, DaemonLink> daemons) {

    public CliContext {
        env = Map.copyOf(env);
    }

    /** The one client of {@code project}'s daemon ({@link DaemonConnector}). */
    public DaemonConnector daemonConnector(Project project) {
        return new DaemonConnector(daemons.apply(this), project.dir(), Deadlines.DEFAULT);
    }
}

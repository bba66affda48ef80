package dev.envy.cli.daemon;

import dev.envy.cli.CliContext;
import dev.envy.cli.EnvyException;
import dev.envy.cli.Project;

import java.time.Duration;
import java.util.Optional;

/** The real {@link DaemonConnector}, on the socket client of {@code dev.envy.cli.client}. */
public final class ClientDaemonConnector implements DaemonConnector {
    private final CliContext context;

    public ClientDaemonConnector(CliContext context) {
        this.context = context;
    }

    @Override
    public DaemonInfo inspect(Project project) {
        throw notYet();
    }

    @Override
    public Optional<DaemonSession> connectIfRunning(Project project) {
        return Optional.empty();
    }

    @Override
    public DaemonSession ensureRunning(Project project) {
        throw notYet();
    }

    @Override
    public boolean awaitGone(Project project, Duration deadline) {
        return true;
    }

    private EnvyException notYet() {
        return EnvyException.daemon("this envy build has no daemon client yet (" + context.system() + ")", null);
    }
}

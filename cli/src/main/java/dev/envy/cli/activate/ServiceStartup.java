package dev.envy.cli.activate;

import dev.envy.cli.client.DaemonRequests;
import dev.envy.cli.client.ProgressLine;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.protocol.Response;
import dev.envy.core.runtime.ProjectPaths;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * AC-2/AC-3: registers an activation with the daemon and, when asked, starts the services, telling the user how
 * it goes on stderr. The rule for the daemon: an environment without services never has one; with services, an
 * activation starts one only when it starts services ({@code -s} or {@code auto-start}), and otherwise registers
 * only with a daemon that is already running. A failure never stops the activation: the shell or command still
 * runs, after a clear message.
 */
final class ServiceStartup {
    private final DaemonPort daemon;
    private final PrintWriter err;
    private final Path projectDir;

    ServiceStartup(DaemonPort daemon, PrintWriter err, Path projectDir) {
        this.daemon = daemon;
        this.err = err;
        this.projectDir = projectDir;
    }

    /** How an activation is registered: a known process ({@code attach}) or a pending in-place one ({@code expect}). */
    interface Registration {
        void with(DaemonPort daemon) throws DaemonPort.Unavailable;
    }

    /** Registers process {@code pid}; see {@link #register(Manifest, Registration, boolean)}. */
    int register(Manifest manifest, long pid, long startTime, boolean startServices) {
        return register(manifest, d -> d.attach(pid, startTime), startServices);
    }

    /**
     * Registers the activation as {@code registration} says when the environment has services and a daemon runs or
     * is to be started; returns 0 when all is well (or nothing needed registering), 1 when a service failed, 3 when
     * the daemon was unreachable.
     */
    int register(Manifest manifest, Registration registration, boolean startServices) {
        if (manifest.services().isEmpty() || !(startServices || daemon.running())) {
            return 0;
        }
        try {
            registration.with(daemon);
            if (!startServices) {
                return 0;
            }
            Response answer = daemon.start(p -> err.println("envy: " + ProgressLine.of(p)));
            return report(answer);
        } catch (DaemonPort.Unavailable e) {
            err.println("envy: " + e.getMessage());
            err.println("envy: services were not started; see " + ProjectPaths.of(projectDir).daemonLog());
            return 3;
        } finally {
            err.flush();
        }
    }

    private int report(Response answer) {
        return switch (answer) {
            case Response.Result r -> {
                r.errors().forEach(e -> err.println("envy: " + e));
                DaemonRequests.logTailLines(r).forEach(line -> err.println("envy: " + line));
                r.logTails().forEach(t -> err.println("envy: the log of " + t.service() + " is "
                        + ProjectPaths.of(projectDir).serviceLog(t.service())));
                long failed = r.services().stream().filter(v -> isFailure(v.status())).count();
                if (r.exitCode() == 0 && failed == 0) {
                    err.println("envy: " + r.services().size() + " service(s) up");
                    yield 0;
                }
                err.println("envy: some services did not start; entering the environment anyway");
                yield 1;
            }
            case Response.Error e -> {
                err.println("envy: " + e.message() + (e.hint() == null || e.hint().isBlank() ? "" : " (" + e.hint() + ")"));
                yield e.exitCode();
            }
            case Response.ShuttingDown s -> {
                err.println("envy: the daemon is shutting down; services were not started");
                yield 3;
            }
            case Response.Welcome w -> unexpected(w);
            case Response.Progress p -> unexpected(p);
            case Response.StatusChanged c -> unexpected(c);
            case Response.StatusReport s -> unexpected(s);
        };
    }

    private int unexpected(Response r) {
        err.println("envy: unexpected answer from the daemon: " + r.tag());
        return 3;
    }

    private static boolean isFailure(String status) {
        return status.equals("failed") || status.equals("blocked") || status.equals("backoff");
    }
}

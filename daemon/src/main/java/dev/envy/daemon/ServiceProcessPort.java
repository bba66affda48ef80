package dev.envy.daemon;

import dev.envy.core.lifecycle.Effect;
import dev.envy.core.manifest.Signal;
import dev.envy.daemon.loop.ProcessPort;
import dev.envy.host.os.ListeningPorts;
import dev.envy.daemon.process.ExitStatus;
import dev.envy.daemon.process.LineListener;
import dev.envy.daemon.process.ServiceProcesses;
import dev.envy.daemon.process.SpawnException;
import dev.envy.daemon.process.SpawnedProcess;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The loop's process edge on the real {@link ServiceProcesses}. */
final class ServiceProcessPort implements ProcessPort {
    private final ServiceProcesses processes;

    ServiceProcessPort(ServiceProcesses processes) {
        this.processes = processes;
    }

    @Override
    public Started spawn(Effect.Spawn s, Consumer<String> lines) throws IOException {
        for (Map.Entry<String, Integer> port : s.ports().entrySet()) { // PT-1: taken since it was allocated
            java.util.Optional<ListeningPorts.Holder> holder = ListeningPorts.holder(port.getValue());
            if (holder.isPresent()) {
                throw new PortTaken(port.getKey(), port.getValue(), holder.get().describe());
            }
        }
        for (int port : s.mustBeFree()) { // ST-11: another process would answer the readiness check
            java.util.Optional<ListeningPorts.Holder> holder = ListeningPorts.holder(port);
            if (holder.isPresent()) {
                throw new IOException(holder.get().describe());
            }
        }
        try {
            SpawnedProcess p = processes.spawn(s.service(), s.command(), s.environment(), s.workingDir(),
                    lines == NO_LINES ? LineListener.NONE : lines::accept, s.daemonizes());
            return new Started(p.pid(), p.startTime(), p.exited().thenApply(ServiceProcessPort::exit));
        } catch (SpawnException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static Exit exit(ExitStatus status) {
        return new Exit(status.exitCode(), status.signal());
    }

    @Override
    public void signal(long pgid, Signal signal) {
        processes.signal(pgid, signal);
    }

    @Override
    public void signalAll(List<SignalTarget> targets) {
        Map<Long, Signal> byGroup = new LinkedHashMap<>();
        targets.forEach(t -> byGroup.put(t.pgid(), t.signal()));
        processes.signalAll(byGroup);
    }

    @Override
    public CompletableFuture<Void> adopt(long pgid) {
        return processes.adopt(pgid);
    }

    @Override
    public void killTree(long pgid) {
        processes.killTree(pgid);
    }

    @Override
    public void runShutdownCommand(Effect.RunShutdownCommand c) {
        processes.runShutdownCommand(c.service(), c.command(), c.environment(), c.workingDir());
    }
}

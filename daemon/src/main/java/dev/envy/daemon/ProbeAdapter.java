package dev.envy.daemon;

import dev.envy.core.lifecycle.Effect;
import dev.envy.daemon.loop.ProbePort;
import dev.envy.daemon.probe.ProbeHandle;
import dev.envy.daemon.probe.Probes;

import java.nio.file.Path;

/**
 * The loop's probe edge on the real {@link Probes}; command checks (readiness and liveness) run in the service's
 * working directory.
 */
record ProbeAdapter(Probes probes, Path projectDir) implements ProbePort {
    @Override
    public void checkOnce(Effect.CheckLiveness c, java.util.function.Consumer<Boolean> result) {
        probes.once(c.liveness().check(), c.liveness().timeout(), c.environment(),
                projectDir.resolve(c.workingDir()).normalize()).thenAccept(result);
    }

    @Override
    public Probe start(Effect.StartProbe p, Runnable passed) {
        ProbeHandle handle = probes.start(p.service(), p.pid(), p.readiness(), p.environment(),
                projectDir.resolve(p.workingDir()).normalize(), passed);
        return new Probe() {
            @Override
            public void line(String line) {
                handle.onLine(line);
            }

            @Override
            public void close() {
                handle.close();
            }
        };
    }
}

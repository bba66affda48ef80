package dev.envy.daemon;

import dev.envy.core.manifest.Readiness;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.daemon.loop.ProbePort;
import dev.envy.daemon.probe.ProbeHandle;
import dev.envy.daemon.probe.Probes;

import java.nio.file.Path;
import java.util.Map;

/** The loop's probe edge on the real {@link Probes}; command checks run in the service's working directory. */
record ProbeAdapter(Probes probes, ManifestSource manifests, Path projectDir) implements ProbePort {
    @Override
    public Probe start(String service, long pid, Readiness readiness, Map<String, String> environment,
                       Runnable passed) {
        String dir = manifests.applied() == null ? "." : manifests.applied().service(service)
                .map(ServiceSpec::workingDir).orElse(".");
        ProbeHandle handle = probes.start(service, pid, readiness, environment, projectDir.resolve(dir).normalize(),
                passed);
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

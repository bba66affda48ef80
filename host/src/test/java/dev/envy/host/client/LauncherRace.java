package dev.envy.host.client;

import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.core.runtime.ProjectPaths;
import dev.envy.core.runtime.RuntimePaths;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One racing starter for the two-process test: {@code LauncherRace RUNTIME_DIR PROJECT_DIR CLASSPATH} ensures a
 * (fake) daemon runs and prints the pid that answered.
 */
public final class LauncherRace {

    public static void main(String[] args) throws Exception {
        RuntimePaths paths = RuntimePaths.in(Path.of(args[0]));
        Path project = Path.of(args[1]);
        DaemonJvm command = new DaemonJvm(DaemonJvm.currentJava(),
                List.of("-Xshare:auto", "-Denvy.test.runtimeDir=" + args[0]), args[2], FakeDaemon.class.getName());
        try (DaemonClient client = new DaemonLauncher(command).ensureRunning(project, paths, ProjectPaths.of(project),
                Duration.ofSeconds(60))) {
            Response answer = client.call(new Request.Status(List.of()), r -> { }, Duration.ofSeconds(30));
            if (!(answer instanceof Response.StatusReport)) {
                throw new IllegalStateException("unexpected answer " + answer);
            }
            System.out.println("pid " + client.welcome().orElseThrow().daemonPid());
        }
    }
}

package dev.envy.daemon;

import dev.envy.host.client.AotCacheCheck;

import java.nio.file.Path;

/**
 * Entry point of the per-environment daemon: {@code DaemonMain --project DIR}. Started by the CLI in a new session
 * with its stdio on {@code .envy/logs/daemon.log} (BG-2). Returns when the daemon has exited; it never calls
 * {@code System.exit} (the CLI's main is the only place that does) and leaves no non-daemon thread behind.
 */
public final class DaemonMain {
    private DaemonMain() {
    }

    public static void main(String[] args) {
        AotCacheCheck.atStart();
        Path project = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--project") && i + 1 < args.length) {
                project = Path.of(args[++i]);
            } else if (args[i].startsWith("--project=")) {
                project = Path.of(args[i].substring("--project=".length()));
            }
        }
        if (project == null) {
            System.err.println("usage: DaemonMain --project DIR (the daemon is started by envy itself)");
            return;
        }
        Daemon.run(project);
    }
}

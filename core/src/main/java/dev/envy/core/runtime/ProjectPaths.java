package dev.envy.core.runtime;

import java.nio.file.Path;

/**
 * LG-1: the state kept inside the project: {@code .envy/} (with a {@code .gitignore} of {@code *}) holding
 * {@code logs/daemon.log} and one {@code logs/<service>.log} per service. Pure: nothing is created here.
 */
public record ProjectPaths(Path projectDir, Path stateDir, Path logsDir, Path daemonLog) {

    public static ProjectPaths of(Path projectDir) {
        Path state = projectDir.resolve(".envy");
        Path logs = state.resolve("logs");
        return new ProjectPaths(projectDir, state, logs, logs.resolve("daemon.log"));
    }

    /** {@code .envy/.gitignore}, holding {@code *} so the state never ends up in version control. */
    public Path gitignore() {
        return stateDir.resolve(".gitignore");
    }

    /**
     * {@code .envy/daemon.lock}: held by the environment's live daemon (HD-6). It is here, not in the runtime
     * directory, so that deleting that directory cannot let a second daemon start.
     */
    public Path daemonLock() {
        return stateDir.resolve("daemon.lock");
    }

    /** {@code .envy/logs/<service>.log}. */
    public Path serviceLog(String service) {
        return logsDir.resolve(service + ".log");
    }
}

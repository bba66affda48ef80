package dev.envy.core.runtime;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * CS-4: where one environment's runtime files live. Pure: computed from the canonical project directory, the
 * user's uid and the environment variables; nothing is created or checked here.
 *
 * <p>The per-user base directory is the first of: {@code $ENVY_RUNTIME_DIR}, {@code $XDG_RUNTIME_DIR/envy},
 * {@code /tmp/envy-<uid>} (an empty or relative variable counts as unset). The environment's directory is
 * {@code <base>/<env-id>} ({@link EnvironmentId}).
 *
 * <p>HD-6: the daemon's lock is not in that directory but in the project's {@code .envy/}, so that it cannot vanish
 * with the directory (a {@code /tmp} cleaner, logind removing {@code $XDG_RUNTIME_DIR} at logout): while the daemon
 * lives, nobody can start a second one for the environment, and a client that finds the lock held but no socket
 * knows the daemon is restoring its runtime directory.
 *
 * @param runtimeDir the environment's directory (0700, owned by the user)
 * @param socket     {@code daemon.sock}: the daemon's Unix socket
 * @param daemonLock {@code .envy/daemon.lock} in the project: locked by the live daemon for its whole life (HD-6)
 * @param startLock  {@code start.lock}: locked by a client while it checks for or starts a daemon
 * @param daemonJson {@code daemon.json}: pid, start time and version of the live daemon ({@link DaemonInfo})
 * @param stateJson  {@code state.json}: what a successor needs after a crash
 */
public record RuntimePaths(Path runtimeDir, Path socket, Path daemonLock, Path startLock, Path daemonJson,
                           Path stateJson) {

    /** Linux's {@code sun_path} holds 108 bytes including the terminating NUL; macOS 104. Stay under the smaller. */
    public static final int MAX_SOCKET_PATH_BYTES = 103;

    public static RuntimePaths resolve(Path canonicalProjectDir, long uid, Map<String, String> env) {
        return in(userBase(uid, env).resolve(EnvironmentId.of(canonicalProjectDir)),
                ProjectPaths.of(canonicalProjectDir).daemonLock());
    }

    /** The paths inside a given environment directory, the lock beside them (tests of a daemon without a project). */
    public static RuntimePaths in(Path runtimeDir) {
        return in(runtimeDir, runtimeDir.resolve("daemon.lock"));
    }

    private static RuntimePaths in(Path runtimeDir, Path daemonLock) {
        return new RuntimePaths(runtimeDir, runtimeDir.resolve("daemon.sock"), daemonLock,
                runtimeDir.resolve("start.lock"), runtimeDir.resolve("daemon.json"), runtimeDir.resolve("state.json"));
    }

    /** The per-user base directory that holds every environment's directory. */
    public static Path userBase(long uid, Map<String, String> env) {
        String envy = env.get("ENVY_RUNTIME_DIR");
        if (usable(envy)) {
            return Path.of(envy).normalize();
        }
        String xdg = env.get("XDG_RUNTIME_DIR");
        if (usable(xdg)) {
            return Path.of(xdg).normalize().resolve("envy");
        }
        return Path.of("/tmp", "envy-" + uid);
    }

    /** The per-user base directory of this environment's directory. */
    public Path userBase() {
        return runtimeDir.getParent();
    }

    /**
     * AC-9: {@code claims/}, where the shell that evaluates an in-place activation writes its PID to a file named
     * after the activation's token; the daemon watches it.
     */
    public Path claimsDir() {
        return runtimeDir.resolve("claims");
    }

    /**
     * CS-12: {@code guardian.stops} (0600), how to stop each live service process group, level by level, which the
     * daemon writes with every state.json and its guardian reads once the daemon is gone.
     */
    public Path guardianStops() {
        return runtimeDir.resolve("guardian.stops");
    }

    /** True when the socket path is too long to bind (a deep {@code $ENVY_RUNTIME_DIR}). */
    public boolean socketPathTooLong() {
        return socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH_BYTES;
    }

    private static boolean usable(String value) {
        return value != null && !value.isEmpty() && value.startsWith("/");
    }
}

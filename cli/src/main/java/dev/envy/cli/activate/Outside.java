package dev.envy.cli.activate;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The world an activation runs in, passed in so the activation is testable without a launcher or a terminal.
 *
 * @param projectDir       canonical project directory
 * @param env              this process's environment
 * @param launcherPid      {@code $ENVY_LAUNCHER_PID}: bin/envy's own PID, which execs the planned shell or command
 * @param plan             {@code $ENVY_PLAN}: where the plan goes
 * @param stdoutIsTerminal whether stdout is a terminal
 * @param out              stdout (the in-place script)
 * @param err              stderr (everything for the user)
 * @param launcherDir      the directory of the {@code envy} launcher, put on the activation's PATH (AC-11)
 */
public record Outside(Path projectDir, Map<String, String> env, OptionalLong launcherPid, Optional<Path> plan,
                      boolean stdoutIsTerminal, PrintWriter out, PrintWriter err, Optional<Path> launcherDir) {
    public Outside {
        env = Map.copyOf(env);
    }
}

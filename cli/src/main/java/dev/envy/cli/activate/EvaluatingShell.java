package dev.envy.cli.activate;

import dev.envy.host.os.ProcStat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Finds the shell that evaluates an in-place activation script. {@code bin/envy} runs as a child of it
 * ({@code envy activate | source}) or of a command-substitution subshell that is a fork of it
 * ({@code eval "$(envy activate)"} when the shell does not exec the last command): a fork has the same command line
 * as its parent, so we climb past shells whose parent has the same command line.
 */
final class EvaluatingShell {
    private final Path proc;

    /** Reads processes from the {@code /proc} tree at {@code proc}. */
    EvaluatingShell(Path proc) {
        this.proc = proc;
    }

    /** The evaluating shell's PID, starting from the parent of the launcher process. */
    OptionalLong of(long launcherPid) {
        OptionalLong current = ProcStat.ppid(proc, launcherPid);
        for (int depth = 0; current.isPresent() && depth < 8; depth++) {
            long pid = current.getAsLong();
            OptionalLong parent = ProcStat.ppid(proc, pid);
            if (parent.isEmpty() || parent.getAsLong() <= 1 || !isShell(pid)) {
                return current;
            }
            Optional<String> mine = ProcStat.commandLine(proc, pid);
            if (mine.isEmpty() || !mine.equals(ProcStat.commandLine(proc, parent.getAsLong()))) {
                return current;
            }
            current = parent;
        }
        return current;
    }

    Optional<Shell> shellOf(long pid) {
        return ProcStat.name(proc, pid).flatMap(Shell::fromProgram);
    }

    private boolean isShell(long pid) {
        return ProcStat.name(proc, pid).map(n -> Shell.fromProgram(n).isPresent() || n.equals("sh") || n.equals("dash"))
                .orElse(false);
    }
}

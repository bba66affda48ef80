package dev.envy.cli.activate;

import dev.envy.host.os.ProcStat;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which shell's syntax an in-place activation script is printed in. {@code bin/envy} runs as a child of the
 * evaluating shell ({@code envy activate | source}) or of a fork of it ({@code eval "$(envy activate)"},
 * {@code source <(envy activate)}); a fork has its parent's name, so the launcher's parent names the dialect either
 * way. Which process to register is not guessed from here: the script claims it with the shell's own PID (AC-9).
 */
final class EvaluatingShell {
    private final Path proc;

    /** Reads processes from the {@code /proc} tree at {@code proc}. */
    EvaluatingShell(Path proc) {
        this.proc = proc;
    }

    /** The parent of the launcher process: the evaluating shell or a fork of it. */
    OptionalLong parentOf(long launcherPid) {
        return ProcStat.ppid(proc, launcherPid);
    }

    Optional<Shell> shellOf(long pid) {
        return ProcStat.name(proc, pid).flatMap(Shell::fromProgram);
    }
}

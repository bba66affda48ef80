package dev.envy.cli.activate;

import dev.envy.core.runtime.StatLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** What {@code /proc/PID/stat} and friends say about a process: enough to register it against PID reuse. */
public final class ProcStat {
    private final Path proc;

    ProcStat(Path proc) {
        this.proc = proc;
    }

    public static ProcStat system() {
        return new ProcStat(Path.of("/proc"));
    }

    /** Field 22 of {@code /proc/PID/stat}: the start time in clock ticks since boot; empty when the process is gone. */
    public OptionalLong startTime(long pid) {
        return field(pid, 22).map(Long::parseLong).map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** Whether the process exists and has not exited (a zombie waiting for its parent has: field 3 is Z or X). */
    public boolean running(long pid) {
        return field(pid, 3).map(state -> !state.equals("Z") && !state.equals("X")).orElse(false);
    }

    /** Field 4: the parent's PID. */
    OptionalLong parent(long pid) {
        return field(pid, 4).map(Long::parseLong).map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    /** The command line, NUL-separated words joined by single spaces. */
    Optional<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(proc.resolve(Long.toString(pid)).resolve("cmdline"));
            return Optional.of(new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code comm}: the program name (at most 15 characters). */
    Optional<String> name(long pid) {
        try {
            return Optional.of(Files.readString(proc.resolve(Long.toString(pid)).resolve("comm")).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Field {@code n} (1-based, from 3) of a stat line. */
    static Optional<String> field(String statLine, int n) {
        List<String> fields = StatLine.fieldsAfterName(statLine);
        int index = n - 3;
        return index >= 0 && index < fields.size() ? Optional.of(fields.get(index)) : Optional.empty();
    }

    private Optional<String> field(long pid, int n) {
        try {
            return field(Files.readString(proc.resolve(Long.toString(pid)).resolve("stat")), n);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}

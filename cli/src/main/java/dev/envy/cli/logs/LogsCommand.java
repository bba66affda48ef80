package dev.envy.cli.logs;

import dev.envy.cli.Binding;
import dev.envy.cli.CliCommand;
import dev.envy.cli.Display;
import dev.envy.cli.EnvyException;
import dev.envy.cli.ExitCode;
import dev.envy.cli.ManifestFiles;
import dev.envy.cli.Project;
import dev.envy.cli.commands.ServiceNames;
import dev.envy.core.manifest.LoadResult;
import dev.envy.core.runtime.ProjectPaths;
import dev.envy.core.text.Suggest;
import dev.envy.host.log.LogFiles;
import dev.envy.host.log.LogTail;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.BufferedOutputStream;
import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** {@code envy services logs}: LG-2, LG-3, LG-6, LG-7, CS-6. */
public final class LogsCommand extends CliCommand {

    @Override
    protected void define(CommandSpec spec) {
        spec.name("logs");
        spec.usageMessage()
                .description("Show the services' logs, combined and ordered by time, each line prefixed with its service's name "
                        + "(coloured on a terminal unless NO_COLOR is set or TERM=dumb).",
                        "The log files under .envy/logs are read directly, rotated files included: no daemon is needed, and "
                        + "any number of readers can follow at once without slowing the services.")
                .footerHeading("%nExamples:%n")
                .footer("  envy services logs                 the last 100 lines of each service",
                        "  envy services logs -f web          the last 10 lines of web, then follow it",
                        "  envy services logs -n 500 db web   the last 500 lines of db and of web, merged by time",
                        "  envy services logs --since 10m -t  everything of the last 10 minutes, with each line's time",
                        "  envy services logs -n all --json   everything on disk, one JSON object a line");
        serviceNames(spec, "Services to show (default: all).", v -> names = v);
        flag(spec, "Keep printing new lines as they are written (Ctrl-C stops).", v -> follow = v, "-f", "--follow");
        spec.addOption(OptionSpec.builder("-n", "--lines").paramLabel("N")
                .description("Show the last N lines of each service, or `all`. Default: " + DEFAULT_LINES + ", "
                        + DEFAULT_LINES_FOLLOWING + " with --follow, all with --since.")
                .type(String.class).setter(Binding.to((String v) -> lines = v)).build());
        spec.addOption(OptionSpec.builder("--since").paramLabel("WHEN")
                .description("Only lines written since WHEN: a time ago (10m, 1h30m, 2d, 45s) or a point in time "
                        + "(2026-11-22T10:00 or 10:00 in local time, 2026-11-22T09:00:00Z).")
                .type(String.class).setter(Binding.to((String v) -> since = v)).build());
        flag(spec, "Show each line's time (UTC, as stored: 2026-11-22T09:00:00.123Z) after the name.", v -> timestamps = v, "-t", "--timestamps");
        flag(spec, "One JSON object a line: {\"time\", \"service\", \"line\"}.", v -> json = v, "--json");
        flag(spec, "No colours, even on a terminal.", v -> noColor = v, "--no-color");
    }

    /** How often a follower looks for new lines: short enough to feel live, a stat per service per look. */
    static final Duration POLL = Duration.ofMillis(100);
    static final int DEFAULT_LINES = 100;
    static final int DEFAULT_LINES_FOLLOWING = 10;

    List<String> names = new ArrayList<>();

    boolean follow;

    String lines;

    String since;

    boolean timestamps;

    boolean json;

    boolean noColor;

    private final Supplier<OutputStream> stdout;
    private final BooleanSupplier stdoutIsTerminal;
    private final Duration poll;

    /** Writes to this process's stdout as bytes, so lines reach it exactly as the services wrote them. */
    public LogsCommand() {
        this(() -> new FileOutputStream(FileDescriptor.out), LogsCommand::terminal, POLL);
    }

    /** For tests: where the lines go, whether that counts as a terminal, how often to look for new lines. */
    public LogsCommand(Supplier<OutputStream> stdout, BooleanSupplier stdoutIsTerminal, Duration poll) {
        this.stdout = stdout;
        this.stdoutIsTerminal = stdoutIsTerminal;
        this.poll = poll;
    }

    private static boolean terminal() {
        Console console = System.console();
        return console != null && console.isTerminal();
    }

    @Override
    protected int execute() throws IOException {
        Project project = project();
        Path logsDir = ProjectPaths.of(project.dir()).logsDir();
        List<String> services = selected(project, logsDir);
        long max = lineCount();
        Instant from = since == null ? Instant.MIN
                : Since.parse(since, context().clock().instant(), ZoneId.systemDefault());
        out().flush();
        OutputStream sink = new BufferedOutputStream(stdout.get(), 64 * 1024);
        LogPrinter printer = new LogPrinter(sink, style(), services, timestamps);
        Map<String, LogTail.Start> starts = new HashMap<>();
        for (String service : services) {
            starts.put(service, LogTail.of(logsDir, service, max, follow).since(from));
        }
        if (!printTail(printer, services, starts, from) || !follow) {
            return ExitCode.OK;
        }
        try (LogFollower follower = new LogFollower(logsDir, services, starts)) {
            while (!Thread.currentThread().isInterrupted()) {
                List<LogEntry> fresh = follower.poll().stream()
                        .filter(e -> e.time() == null || !e.time().isBefore(from)).toList();
                if (!print(printer, fresh)) {
                    return ExitCode.OK; // the reader went away (stdout closed): nothing more to do
                }
                if (fresh.isEmpty()) {
                    try {
                        Thread.sleep(poll);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
        return ExitCode.OK;
    }

    /**
     * Prints the last lines of each service (as {@code docker compose logs --tail}) written since {@code from},
     * merged by time, streaming. False when stdout is closed.
     */
    private static boolean printTail(LogPrinter printer, List<String> services, Map<String, LogTail.Start> starts,
                                     Instant from) throws IOException {
        try (LogStream stream = new LogStream(services, services.stream().map(starts::get).toList(), from)) {
            for (LogEntry entry = stream.next(); entry != null; entry = stream.next()) {
                if (!print(printer, entry)) {
                    return false;
                }
            }
        }
        return print(printer, List.of());
    }

    private static boolean print(LogPrinter printer, LogEntry entry) {
        try {
            printer.print(entry);
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    /** Prints and flushes; false when stdout is closed. */
    private static boolean print(LogPrinter printer, List<LogEntry> entries) {
        try {
            for (LogEntry entry : entries) {
                printer.print(entry);
            }
            printer.flush();
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    private LogPrinter.Style style() {
        if (json) {
            return LogPrinter.Style.JSON;
        }
        boolean colour = !noColor && Display.of(context().env(), stdoutIsTerminal.getAsBoolean()).colour();
        return colour ? LogPrinter.Style.COLOUR : LogPrinter.Style.PLAIN;
    }

    private long lineCount() {
        if (lines == null) {
            return since != null ? Long.MAX_VALUE : follow ? DEFAULT_LINES_FOLLOWING : DEFAULT_LINES;
        }
        if (lines.equals("all")) {
            return Long.MAX_VALUE;
        }
        try {
            long n = Long.parseLong(lines);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw EnvyException.invalid("-n takes a number of lines or `all`, not '" + lines + "'",
                "e.g. `envy services logs -n 50`");
    }

    /**
     * The services to show, in manifest order: the named ones (unknown names are exit 2 with a did-you-mean) or all.
     * With an invalid manifest the logs are still readable: the names come from the files on disk.
     */
    private List<String> selected(Project project, Path logsDir) throws IOException {
        LoadResult loaded = ManifestFiles.load(project, context().system());
        return switch (loaded) {
            case LoadResult.Loaded l -> ServiceNames.targeted(ServiceNames.check(names, l.manifest()), l.manifest());
            case LoadResult.Invalid invalid -> {
                err().println("envy: warning: " + project.manifest().getFileName() + " has problems (`envy check` "
                        + "lists them); showing the logs on disk");
                err().flush();
                yield onDisk(LogFiles.servicesOnDisk(logsDir));
            }
        };
    }

    private List<String> onDisk(List<String> available) {
        if (names.isEmpty()) {
            return available;
        }
        List<String> unknown = names.stream().filter(n -> !available.contains(n)).toList();
        if (!unknown.isEmpty()) {
            String first = unknown.getFirst();
            throw EnvyException.invalid("no log for " + String.join(", ", unknown),
                    Suggest.hint(first, available).orElse("logs on disk: " + String.join(", ", available)));
        }
        return List.copyOf(new java.util.LinkedHashSet<>(names));
    }
}

package dev.envy.cli;

import dev.envy.host.client.DaemonLink;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;

/** Runs envy in-process, as a user would from {@code workingDir}, capturing what it prints. */
public final class CliRun {
    public static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final Path workingDir;
    private final Map<String, String> env = new HashMap<>();
    private DaemonLink daemons = new FakeDaemon();

    public CliRun(Path workingDir) {
        this.workingDir = workingDir;
        env.put("NO_COLOR", "1");
    }

    public CliRun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public CliRun daemons(DaemonLink connector) {
        this.daemons = connector;
        return this;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, context(), new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    public CliContext context() {
        return new CliContext(workingDir, env, "x86_64-linux", InstantSource.fixed(NOW), c -> daemons);
    }

    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "[exit " + exitCode + "]\n--- out ---\n" + out + "--- err ---\n" + err;
        }
    }
}

package dev.envy.cli.logs;

import dev.envy.cli.CliContext;
import dev.envy.cli.EnvyCommand;
import dev.envy.cli.EnvyException;
import dev.envy.cli.FakeDaemon;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs {@code envy services logs ARGS} in-process with its stdout captured as bytes (the command writes bytes, not
 * text, so a test sees exactly what a pipe would get).
 */
final class LogsRun {
    final Path dir;
    final Map<String, String> env = new HashMap<>();
    boolean terminal;
    InstantSource clock = InstantSource.system();
    OutputStream stdout = new ByteArrayOutputStream();

    LogsRun(Path dir) {
        this.dir = dir;
    }

    record Result(int exitCode, byte[] out, String err) {
        String text() {
            return new String(out, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "[exit " + exitCode + "]\n--- out ---\n" + text() + "--- err ---\n" + err;
        }
    }

    Result run(String... args) {
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(dir, env, "x86_64-linux", clock, c -> new FakeDaemon());
        CommandLine envy = new CommandLine(new EnvyCommand(context).spec());
        CommandLine services = new CommandLine(new dev.envy.cli.commands.ServicesCommand().spec());
        services.addSubcommand(new CommandLine(new LogsCommand(() -> stdout, () -> terminal, Duration.ofMillis(10)).spec()));
        envy.addSubcommand(services);
        envy.setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()));
        envy.setExecutionExceptionHandler((ex, cl, parsed) -> {
            if (ex instanceof EnvyException e) {
                cl.getErr().println("envy: " + e.getMessage());
                e.hint().ifPresent(h -> cl.getErr().println("hint: " + h));
                return e.exitCode();
            }
            throw ex;
        });
        String[] full = new String[args.length + 2];
        full[0] = "services";
        full[1] = "logs";
        System.arraycopy(args, 0, full, 2, args.length);
        int code = envy.execute(full);
        err.flush();
        byte[] bytes = stdout instanceof ByteArrayOutputStream b ? b.toByteArray() : new byte[0];
        return new Result(code, bytes, err.toString());
    }
}

package dev.envy.cli.activate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** {@code envy activate}: picocli's view of {@link Activation}. */
@Command(name = "activate",
        description = {
                "Enter the environment: a subshell of $SHELL (bash, zsh, fish) with its vars, hook and profile,",
                "or, when stdout is captured, shell code for the current shell:",
                "  eval \"$(envy activate)\"      (bash, zsh)",
                "  envy activate | source        (fish)",
                "or run one command in it:  envy activate -- CMD ARGS..."},
        footer = {"", "Mode rule: '-- CMD' runs CMD; --print-script or a stdout that is not a terminal prints the",
                "in-place script; otherwise a subshell starts. Exit code in command mode: CMD's."})
public final class ActivateCommand implements Callable<Integer> {

    @Option(names = {"-s", "--start-services"}, description = "Start the services (dependency order) before the prompt.")
    boolean startServices;

    @Option(names = "--no-start-services", description = "Do not start services, even with [services] auto-start = true.")
    boolean noStartServices;

    @Option(names = "--shell", paramLabel = "bash|zsh|fish", description = "The shell to start or to print code for.")
    String shell;

    @Option(names = "--print-script", description = "Print the in-place script even when stdout is a terminal.")
    boolean printScript;

    @Parameters(paramLabel = "CMD", arity = "0..*", description = "After --: the command to run in the environment.")
    List<String> command = new ArrayList<>();

    @Spec
    CommandSpec spec;

    private final Function<Map<String, String>, Optional<Path>> projectDir;
    private final Function<Path, Daemon> daemons;

    /**
     * @param projectDir finds the project directory (holding envy.toml) from the environment, or nothing
     * @param daemons    the daemon of a canonical project directory
     */
    public ActivateCommand(Function<Map<String, String>, Optional<Path>> projectDir, Function<Path, Daemon> daemons) {
        this.projectDir = projectDir;
        this.daemons = daemons;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> env = System.getenv();
        Optional<Path> dir = projectDir.apply(env);
        if (dir.isEmpty()) {
            err.println("envy: no envy.toml here or in any parent directory (create one, or use -d DIR)");
            err.flush();
            return 2;
        }
        Path canonical = dir.get().toRealPath();
        Outside outside = new Outside(canonical, env, launcherPid(env), plan(env), Terminal.stdoutIsTerminal(),
                spec.commandLine().getOut(), err);
        Request request = new Request(startServices, noStartServices, Optional.ofNullable(shell), printScript, command);
        return new Activation(outside, daemons.apply(canonical)).run(request);
    }

    private static OptionalLong launcherPid(Map<String, String> env) {
        try {
            String value = env.get("ENVY_LAUNCHER_PID");
            return value == null || value.isBlank() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static Optional<Path> plan(Map<String, String> env) {
        String value = env.get("ENVY_PLAN");
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value)).filter(Files::exists);
    }
}

package dev.envy.cli.activate;

import dev.envy.cli.Binding;
import dev.envy.cli.CliContext;
import dev.envy.cli.Display;
import dev.envy.cli.Invocation;
import dev.envy.cli.InvocationCommand;
import dev.envy.cli.ManifestFiles;
import dev.envy.cli.Project;
import dev.envy.core.manifest.Manifest;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** {@code envy activate}: picocli's view of {@link Activation}. */
public final class ActivateCommand extends InvocationCommand {

    @Override
    protected void define(CommandSpec spec) {
        spec.name("activate");
        spec.usageMessage()
                .description("Enter the environment: a subshell of $SHELL (bash, zsh, fish) with its vars, hook and profile;",
                        "or, when stdout is captured, print shell code for the current shell:",
                        "  eval \"$(envy activate)\"      (bash, zsh)",
                        "  envy activate | source        (fish)",
                        "or run one command in it:  envy activate -- CMD ARGS...")
                .footer("", "Which of the three: '-- CMD' runs CMD (envy exits with CMD's code); --print-script, or a stdout",
                        "that is not a terminal, prints the in-place script; otherwise a subshell starts.");
        flag(spec, "Start the services (dependency order) before the prompt.", v -> startServices = v, "-s", "--start-services");
        flag(spec, "Do not start services, even with [services] auto-start = true.", v -> noStartServices = v, "--no-start-services");
        spec.addOption(OptionSpec.builder("--shell").paramLabel("bash|zsh|fish")
                .description("The shell to start or to print code for.")
                .type(String.class).setter(Binding.to((String v) -> shell = v)).build());
        flag(spec, "Print the in-place script even when stdout is a terminal.", v -> printScript = v, "--print-script");
        spec.addOption(OptionSpec.builder("--pid").paramLabel("PID")
                .description("With the in-place script: register process PID instead of the shell that evaluates it "
                        + "(what `use envy` does for direnv: your interactive shell, not direnv's own bash).")
                .type(Long.class).setter(Binding.to((Long v) -> pid = v)).build());
        spec.addPositional(PositionalParamSpec.builder().paramLabel("CMD").arity("0..*")
                .description("After --: the command to run in the environment.")
                .type(List.class).auxiliaryTypes(String.class).setter(Binding.to((List<String> v) -> command = v)).build());
    }

    boolean startServices;

    boolean noStartServices;

    String shell;

    boolean printScript;

    Long pid;

    List<String> command = new ArrayList<>();

    /** The working directory's project before the active one (AC-11): activating is how one enters another. */
    @Override
    protected Project project() {
        return root().projectForActivation();
    }

    @Override
    public Invocation invocation() {
        return new Invocation.Activate(dirOption(),
                new ActivateRequest(startServices, noStartServices, Optional.ofNullable(shell), printScript, command,
                        pid == null ? OptionalLong.empty() : OptionalLong.of(pid)));
    }

    /** The command's work, with or without picocli ({@link Invocation}). */
    public static int run(Project project, CliContext context, ActivateRequest request, PrintWriter out, PrintWriter err)
            throws Exception {
        Manifest manifest = ManifestFiles.loadValid(project, context.system());
        ManifestFiles.requireAllowed(project, context.env());
        Map<String, String> env = context.env();
        OptionalLong launcher = launcherPid(env);
        Outside outside = new Outside(project.dir(), env, launcher, plan(env, launcher), Display.stdoutIsTerminal(),
                out, err, launcherDir());
        return new Activation(outside, SocketDaemon.of(project.dir(), env)).run(manifest, request);
    }

    /** bin/ of the envy checkout that runs (bin/envy passes it as the system property envy.home). */
    private static Optional<Path> launcherDir() {
        String home = System.getProperty("envy.home");
        return home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home).resolve("bin"));
    }

    private static OptionalLong launcherPid(Map<String, String> env) {
        try {
            String value = env.get("ENVY_LAUNCHER_PID");
            return value == null || value.isBlank() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Where bin/envy wants the plan: {@code $ENVY_PLAN}, when bin/envy set it for this run, which is when the file
     * exists (an empty file it made) or when the launcher that set it, {@code $ENVY_LAUNCHER_PID}, is this JVM's
     * parent (bin/envy names a file in a directory of the user's own and leaves it to be made by a run that has a
     * plan, so that a run without one costs it no process). A value left in the environment by something else is
     * ignored.
     */
    private static Optional<Path> plan(Map<String, String> env, OptionalLong launcherPid) {
        String value = env.get("ENVY_PLAN");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Path plan = Path.of(value);
        boolean fromLauncher = launcherPid.isPresent() && ProcessHandle.current().parent()
                .map(ProcessHandle::pid).orElse(-1L) == launcherPid.getAsLong();
        return fromLauncher || Files.exists(plan) ? Optional.of(plan) : Optional.empty();
    }
}

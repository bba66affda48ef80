package dev.envy.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** The top command {@code envy}: global options and the context every subcommand reaches through it. */
public final class EnvyCommand implements Callable<Integer>, Modelled {

    private CommandSpec spec;

    Path dir;

    boolean debug;

    @Override
    public CommandSpec spec() {
        if (spec != null) {
            return spec;
        }
        spec = CommandSpec.wrapWithoutInspection(this);
        spec.name("envy");
        spec.versionProvider(new Version());
        spec.usageMessage()
                .sortOptions(false)
                .autoWidth(true)
                .description("Runs a project's services (databases, caches, web servers…) in dependency order under one "
                                + "background daemon per project, as described by its envy.toml.",
                        "")
                .commandListHeading("%nCommands:%n")
                .footerHeading("%n")
                .footer("Getting started:",
                        "  envy init                   write a commented starter envy.toml here",
                        "  envy check                  validate it and show the start plan",
                        "  envy up -d                  start the services in the background",
                        "  envy services status        see what runs",
                        "  envy down                   stop everything",
                        "",
                        "Run `envy COMMAND --help` for the details of a command.",
                        "Exit codes: 0 ok, 1 something failed, 2 invalid request (nothing done), 3 daemon unreachable.");
        spec.addOption(OptionSpec.builder("-d", "--dir").paramLabel("DIR")
                .description("The project directory (holding envy.toml); give it before the command. Default: "
                        + "$ENVY_DIR, else the innermost active environment, else the nearest directory with an "
                        + "envy.toml, walking up from the working directory.")
                .type(Path.class).setter(Binding.to((Path v) -> dir = v)).build());
        spec.addOption(OptionSpec.builder("--debug").scopeType(ScopeType.INHERIT)
                .description("Print stack traces of unexpected errors.")
                .type(boolean.class).setter(Binding.to((Boolean v) -> debug = v)).build());
        // picocli's standard help mixin is annotated: built from it, the model would read annotations after all
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                .description("Show this help message and exit.").build());
        spec.addOption(OptionSpec.builder("-V", "--version").versionHelp(true)
                .description("Print version information and exit.").build());
        return spec;
    }

    private final CliContext context;
    private Project project;

    public EnvyCommand(CliContext context) {
        this.context = context;
    }

    public CliContext context() {
        return context;
    }

    public Optional<Path> dirOption() {
        return Optional.ofNullable(dir);
    }

    public boolean debug() {
        return debug;
    }

    /** Finds the project (AC-11); its note, when the working directory's own project is not the one used, goes to stderr. */
    public ProjectLocator locator() {
        return new ProjectLocator(context.workingDir(), context.env(), note -> spec.commandLine().getErr().println(note));
    }

    /** The project of this run, found once. */
    public Project project() {
        if (project == null) {
            project = locator().find(dirOption());
        }
        return project;
    }

    /** The project {@code envy activate} enters: the working directory's before the active one. */
    public Project projectForActivation() {
        if (project == null) {
            project = locator().findForActivation(dirOption());
        }
        return project;
    }

    /** {@code envy} alone: the usage on stderr, exit 2 (a command is required). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.INVALID;
    }
}

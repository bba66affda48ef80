package dev.envy.cli;

import dev.envy.core.manifest.Manifest;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * What every envy command shares: output through picocli's writers (so tests capture it), the global options and
 * context of the root command, and the project and manifest it is about. Subclasses return an exit code or throw an
 * {@link EnvyException}; they never print errors themselves or exit. Each describes its name, help text, options and
 * parameters in {@link #define} with picocli's programmatic API (see {@link Binding} for why not annotations).
 */
public abstract class CliCommand implements Callable<Integer>, Modelled {

    protected CommandSpec spec;

    @Override
    public final CommandSpec spec() {
        if (spec == null) {
            spec = CommandSpec.wrapWithoutInspection(this);
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help message and exit.").build());
            define(spec);
        }
        return spec;
    }

    /** The command's name, help text, options and parameters, with each option bound to a field. */
    protected abstract void define(CommandSpec spec);

    /** Adds a flag (an option without a value) that sets {@code field}. */
    protected static void flag(CommandSpec spec, String description, Consumer<Boolean> field, String... names) {
        spec.addOption(OptionSpec.builder(names).description(description)
                .type(boolean.class).setter(Binding.to(field)).build());
    }

    /** Adds the services a command acts on, {@code [NAME...]}, gathered into {@code field}. */
    protected static void serviceNames(CommandSpec spec, String description, Consumer<List<String>> field) {
        spec.addPositional(PositionalParamSpec.builder().paramLabel("NAME").arity("0..*").description(description)
                .type(List.class).auxiliaryTypes(String.class).setter(Binding.to(field)).build());
    }

    @Override
    public final Integer call() throws Exception {
        return execute();
    }

    protected abstract int execute() throws Exception;

    protected EnvyCommand root() {
        return (EnvyCommand) spec.root().userObject();
    }

    protected CliContext context() {
        return root().context();
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The project this run is about ({@code -d}, {@code $ENVY_DIR} or walking up); exit 2 when there is none. */
    protected Project project() {
        return root().project();
    }

    /** The project's manifest, loaded and valid; {@link InvalidManifestException} (exit 2) otherwise. */
    protected Manifest manifest(Project project) {
        return ManifestFiles.loadValid(project, context().system());
    }
}

package dev.envy.cli;

import dev.envy.core.manifest.Manifest;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * What every envy command shares: output through picocli's writers (so tests capture it), the global options and
 * context of the root command, and the project and manifest it is about. Subclasses return an exit code or throw an
 * {@link EnvyException}; they never print errors themselves or exit.
 */
public abstract class CliCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean helpRequested;

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

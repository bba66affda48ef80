package dev.envy.cli.commands;

import dev.envy.cli.Binding;
import dev.envy.cli.CliCommand;
import dev.envy.cli.EnvyException;
import dev.envy.cli.ExitCode;
import dev.envy.cli.Project;
import dev.envy.host.manifest.ManifestTrust;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * HD-11: {@code envy allow [PATH]} lets envy run a manifest that someone else could have written, as its content is
 * now; {@code envy deny [PATH]} takes that back. As direnv's {@code allow} and {@code deny}.
 */
public final class AllowCommand extends CliCommand {

    private final boolean allow;

    private AllowCommand(boolean allow) {
        this.allow = allow;
    }

    public static AllowCommand allow() {
        return new AllowCommand(true);
    }

    public static AllowCommand deny() {
        return new AllowCommand(false);
    }

    @Override
    protected void define(CommandSpec spec) {
        if (allow) {
            spec.name("allow");
            spec.usageMessage()
                    .description("Let envy run a manifest that belongs to another user (or that others can write to): its "
                            + "hook, profile and services. Allowed as its content is now: once it changes, envy asks again.",
                            "A manifest that only you could have written needs no allowing.")
                    .footerHeading("%nExamples:%n")
                    .footer("  envy allow                        the manifest of this project",
                            "  envy allow ~/src/shared/envy.toml another one (or its directory)",
                            "  envy deny                         take it back");
        } else {
            spec.name("deny");
            spec.usageMessage()
                    .description("Take back `envy allow`: envy runs nothing from that manifest again until it is allowed.")
                    .footerHeading("%nExamples:%n")
                    .footer("  envy deny                         the manifest of this project",
                            "  envy deny ~/src/shared            another one (or its directory)");
        }
        spec.addPositional(PositionalParamSpec.builder().paramLabel("PATH").arity("0..1")
                .description("The manifest, or the directory that holds it (default: the project's envy.toml).")
                .type(String.class).setter(Binding.to((String v) -> path = v)).build());
    }

    String path;

    @Override
    protected int execute() throws IOException {
        Path manifest = manifest();
        ManifestTrust trust = ManifestTrust.of(context().env());
        if (allow) {
            if (!Files.isRegularFile(manifest)) {
                throw EnvyException.invalid(manifest + " does not exist", "name an envy.toml or its directory");
            }
            trust.allow(manifest);
            out().println("allowed " + manifest + " as it is now; envy asks again if someone else changes it");
        } else if (trust.deny(manifest)) {
            out().println(trust.check(manifest).isEmpty()
                    ? "denied " + manifest + "; it is yours and only you can write to it, so envy runs it all the same"
                    : "denied " + manifest + ": envy runs nothing from it until it is allowed again");
        } else {
            out().println(manifest + " was not allowed; nothing to take back");
        }
        return ExitCode.OK;
    }

    private Path manifest() {
        if (path == null) {
            return project().manifest();
        }
        Path named = context().workingDir().resolve(path).toAbsolutePath().normalize();
        return Files.isDirectory(named) ? named.resolve(Project.MANIFEST_NAME) : named;
    }
}

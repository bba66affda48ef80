package dev.envy.cli.completion;

import dev.envy.cli.Binding;
import dev.envy.cli.CliCommand;
import dev.envy.cli.Commands;
import dev.envy.cli.EnvyException;
import dev.envy.cli.ExitCode;
import dev.envy.cli.ManifestFiles;
import dev.envy.core.manifest.LoadResult;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code envy completion bash|zsh|fish}: the shell's completion script, made from envy's own command model. */
public final class CompletionCommand extends CliCommand {

    @Override
    protected void define(CommandSpec spec) {
        spec.name("completion");
        spec.usageMessage()
                .description("Print the completion script of a shell: commands, options and their values, and the service names of "
                        + "the project (read from .envy/service-names, which envy rewrites from envy.toml after it changed; no daemon needed).",
                        "`envy install` puts all three where the shells look for them; to load one by hand:")
                .footerHeading("%nExamples:%n")
                .footer("  source <(envy completion bash)        in ~/.bashrc",
                        "  source <(envy completion zsh)         in ~/.zshrc, after compinit",
                        "  envy completion fish | source         in ~/.config/fish/config.fish");
        spec.addPositional(PositionalParamSpec.builder().paramLabel("bash|zsh|fish").arity("0..1")
                .description("The shell.")
                .type(String.class).setter(Binding.to((String v) -> shell = v)).build());
        spec.addOption(OptionSpec.builder("--services").hidden(true)
                .description("Print the project's service names, one a line: what the scripts ask on Tab.")
                .type(boolean.class).setter(Binding.to((Boolean v) -> services = v)).build());
    }

    String shell;

    boolean services;

    @Override
    protected int execute() {
        if (services) {
            // a Tab must never print an error: an invalid manifest simply has no names to offer
            if (ManifestFiles.load(project(), context().system()) instanceof LoadResult.Loaded loaded) {
                loaded.manifest().services().keySet().forEach(out()::println);
                out().flush();
                ServiceNamesFile.write(project().dir(), loaded.manifest().services().keySet());
            }
            return ExitCode.OK;
        }
        if (shell == null) {
            throw EnvyException.invalid("name the shell: `envy completion bash`, `zsh` or `fish`",
                    "e.g. `source <(envy completion bash)` in ~/.bashrc; `envy install` sets up all three");
        }
        if (!CompletionScripts.SHELLS.contains(shell)) {
            throw EnvyException.invalid("no completion for the shell '" + shell + "'",
                    "envy completes bash, zsh and fish: `envy completion bash`");
        }
        out().print(CompletionScripts.of(shell, CommandModel.of(Commands.all(context()))));
        return ExitCode.OK;
    }
}

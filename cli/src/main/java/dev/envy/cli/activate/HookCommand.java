package dev.envy.cli.activate;

import dev.envy.cli.Binding;
import dev.envy.cli.CliCommand;
import dev.envy.cli.EnvyException;
import dev.envy.cli.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** {@code envy hook direnv}: AC-10, the direnvrc snippet that defines {@code use envy}. */
public final class HookCommand extends CliCommand {

    @Override
    protected void define(CommandSpec spec) {
        spec.name("hook");
        spec.usageMessage()
                .description("Print envy's integration with another tool. `envy hook direnv` prints the direnvrc snippet "
                        + "that defines `use envy`: with `use envy` (or `use envy -s`, to start the services) in a "
                        + "project's .envrc, direnv applies the environment as you cd in and takes it back as you cd out, "
                        + "and your interactive shell is counted as the activation.")
                .footerHeading("%nExamples:%n")
                .footer("  envy hook direnv >> ~/.config/direnv/direnvrc",
                        "  echo 'use envy -s' > .envrc && direnv allow");
        spec.addPositional(PositionalParamSpec.builder().paramLabel("direnv").arity("0..1")
                .description("The tool.")
                .type(String.class).setter(Binding.to((String v) -> tool = v)).build());
    }

    String tool;

    @Override
    protected int execute() {
        if (!"direnv".equals(tool)) {
            throw EnvyException.invalid(tool == null ? "name the tool: `envy hook direnv`"
                    : "no hook for '" + tool + "'", "envy hooks into direnv: envy hook direnv >> ~/.config/direnv/direnvrc");
        }
        String home = System.getProperty("envy.home");
        String envy = home == null || home.isBlank() ? "envy" : Shell.posixQuote(home + "/bin/envy");
        out().print(Scripts.template("direnvrc.bash").replace("@@ENVY@@", envy));
        return ExitCode.OK;
    }
}

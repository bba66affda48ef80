package dev.envy.cli.install;

import dev.envy.cli.Binding;
import dev.envy.cli.CliCommand;
import dev.envy.cli.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code envy uninstall [--prefix DIR]}: undoes {@code envy install}. */
public final class UninstallCommand extends CliCommand {

    @Override
    protected void define(CommandSpec spec) {
        spec.name("uninstall");
        spec.usageMessage()
                .description("Remove what `envy install` wrote under DIR: the link DIR/bin/envy, envy's man pages and its "
                        + "completion scripts. Only files envy made are removed (each says so); directories are left.")
                .footerHeading("%nExamples:%n")
                .footer("  envy uninstall",
                        "  envy uninstall --prefix /usr/local");
        spec.addOption(OptionSpec.builder("--prefix").paramLabel("DIR")
                .description("Where envy was installed. Default: ~/.local.")
                .type(Path.class).setter(Binding.to((Path v) -> prefix = v)).build());
    }

    Path prefix;

    @Override
    protected int execute() throws IOException {
        Installation inst = new Installation(InstallCommand.prefix(context().workingDir(), context().env(), prefix));
        List<String> done = inst.uninstall();
        if (done.isEmpty()) {
            out().println("nothing of envy's is installed in " + inst.prefix());
        }
        done.forEach(out()::println);
        return ExitCode.OK;
    }
}

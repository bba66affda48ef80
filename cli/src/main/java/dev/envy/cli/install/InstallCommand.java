package dev.envy.cli.install;

import dev.envy.cli.Binding;
import dev.envy.cli.CliCommand;
import dev.envy.cli.Commands;
import dev.envy.cli.EnvyException;
import dev.envy.cli.ExitCode;
import dev.envy.cli.Version;
import dev.envy.cli.completion.CommandModel;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code envy install [--prefix DIR]}: envy on PATH, its man pages and its shell completions. */
public final class InstallCommand extends CliCommand {

    @Override
    protected void define(CommandSpec spec) {
        spec.name("install");
        spec.usageMessage()
                .description("Install envy for your user: DIR/bin/envy (a link to this launcher, so a `git pull` here updates it), "
                        + "a man page per command in DIR/share/man/man1 (`man envy`, `man envy-services-start`), and "
                        + "the completions of bash, zsh and fish where they look for them. Then it says what is still "
                        + "missing for new shells to find them (PATH, MANPATH, fpath…).",
                        "Running it again updates everything; `envy uninstall` removes exactly what it wrote.")
                .footerHeading("%nExamples:%n")
                .footer("  bin/envy install                       into ~/.local",
                        "  envy install --prefix /usr/local       for every user (as root)");
        spec.addOption(OptionSpec.builder("--prefix").paramLabel("DIR")
                .description("Where to install. Default: ~/.local.")
                .type(Path.class).setter(Binding.to((Path v) -> prefix = v)).build());
        flag(spec, "Replace files in the way that envy did not make.", v -> force = v, "--force");
    }

    Path prefix;

    boolean force;

    @Override
    protected int execute() throws IOException {
        Installation inst = new Installation(prefix(context().workingDir(), context().env(), prefix));
        Path launcher = launcher();
        List<String> done = inst.install(launcher, CommandModel.of(Commands.all(context())), force);
        out().println("installed envy " + Version.number() + " in " + inst.prefix() + ":");
        done.forEach(line -> out().println("  " + line));
        List<String> advice = InstallAdvice.of(inst, context().env(), InstallAdvice::run);
        if (!advice.isEmpty()) {
            out().println("for new shells to find them:");
            advice.forEach(line -> out().println("  " + line));
        }
        return ExitCode.OK;
    }

    /** {@code --prefix} (made absolute), else {@code ~/.local}. */
    static Path prefix(Path workingDir, java.util.Map<String, String> env, Path option) {
        if (option != null) {
            return workingDir.resolve(option).toAbsolutePath().normalize();
        }
        String home = env.get("HOME");
        if (home == null || home.isBlank()) {
            throw EnvyException.invalid("$HOME is not set, so there is no ~/.local to install into",
                    "name the place: `envy install --prefix DIR`");
        }
        return Path.of(home).resolve(".local").toAbsolutePath().normalize();
    }

    /** bin/envy of the checkout this runs from (the launcher passes it as envy.home). */
    private static Path launcher() {
        String home = System.getProperty("envy.home");
        Path launcher = home == null || home.isBlank() ? null : Path.of(home).resolve("bin/envy");
        if (launcher == null || !Files.isRegularFile(launcher)) {
            throw EnvyException.invalid("envy install links to the bin/envy launcher, and this run did not come "
                    + "through it", "run it as `bin/envy install` from envy's checkout");
        }
        return launcher.toAbsolutePath().normalize();
    }
}

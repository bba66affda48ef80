package dev.envy.cli.commands;

import dev.envy.cli.CliCommand;
import dev.envy.cli.EnvyException;
import dev.envy.cli.ExitCode;
import dev.envy.cli.Project;
import dev.envy.core.runtime.ProjectPaths;
import dev.envy.host.fs.PrivateFiles;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code envy init}: a commented starter envy.toml and {@code .envy/.gitignore}. */
public final class InitCommand extends CliCommand {

    @Override
    protected void define(CommandSpec spec) {
        spec.name("init");
        spec.usageMessage()
                .description("Write a commented starter envy.toml in the project directory (the working directory, "
                        + "or -d DIR) and a .envy/.gitignore that keeps envy's logs out of git.")
                .footerHeading("%nExamples:%n")
                .footer("  envy init                 start a manifest in the current directory",
                        "  envy init -d ~/src/app    ... in another directory (created if missing)",
                        "  envy init --force         replace an existing envy.toml with the starter",
                        "",
                        "Then: `envy check` shows the start plan, `envy up -d` starts the services.");
        flag(spec, "Overwrite an existing envy.toml.", v -> force = v, "--force");
    }

    /** The starter manifest, a resource so it is read only by this command. */
    public static String starterManifest() {
        try (InputStream in = InitCommand.class.getResourceAsStream("/dev/envy/cli/starter-envy.toml")) {
            if (in == null) {
                throw new IllegalStateException("the starter manifest is missing from the envy jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the starter manifest from the envy jar", e);
        }
    }

    boolean force;

    @Override
    protected int execute() throws IOException {
        Path dir = root().locator().targetDir(root().dirOption());
        Path manifest = dir.resolve(Project.MANIFEST_NAME);
        if (Files.exists(manifest) && !force) {
            throw EnvyException.invalid(manifest + " already exists",
                    "run `envy check` to validate it, or `envy init --force` to replace it with the starter");
        }
        Files.createDirectories(dir);
        Files.writeString(manifest, starterManifest(), StandardCharsets.UTF_8);
        ProjectPaths paths = ProjectPaths.of(dir);
        Path gitignore = paths.gitignore();
        PrivateFiles.prepareStateDir(paths, PrivateFiles.noteIn(paths, "init"));
        out().println("wrote " + manifest);
        out().println("wrote " + gitignore + " (envy's logs and state stay out of git)");
        out().println("next: edit it, then `envy check` to see the start plan and `envy up -d` to start the services");
        return ExitCode.OK;
    }
}

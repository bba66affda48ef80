package dev.envy.cli.edit;

import dev.envy.cli.CliCommand;
import dev.envy.cli.EnvyException;
import dev.envy.cli.ExitCode;
import dev.envy.cli.Project;
import dev.envy.core.manifest.LoadResult;
import dev.envy.core.manifest.ManifestLoader;
import dev.envy.core.manifest.Problem;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;

/** {@code envy edit}: UP-1 from the editor. */
public final class EditCommand extends CliCommand {

    @Override
    protected void define(CommandSpec spec) {
        spec.name("edit");
        spec.usageMessage()
                .description("Edit envy.toml in $VISUAL or $EDITOR (else vi), on a copy: the file is only replaced, atomically, "
                        + "once the edit is a valid manifest. If a daemon runs, the change is then applied as "
                        + "`envy services reload` does.",
                        "An invalid edit prints its problems; on a terminal you may edit again (your text is kept). "
                        + "Otherwise envy.toml stays as it was, the edited copy is kept next to it (its path is "
                        + "printed) and the exit code is 2.")
                .footerHeading("%nExamples:%n")
                .footer("  envy edit",
                        "  EDITOR='code --wait' envy edit");
    }

    private final Prompt prompt;

    public EditCommand() {
        this(Prompt.console());
    }

    /** For tests: who answers "Edit again?". */
    public EditCommand(Prompt prompt) {
        this.prompt = prompt;
    }

    @Override
    protected int execute() throws IOException {
        Project project = project();
        Path manifest = project.manifest();
        byte[] original = Files.readAllBytes(manifest);
        String editor = Editor.command(context().env());
        Path copy = Files.createTempFile(project.dir(), ".envy.toml.edit-", ".toml");
        boolean keepCopy = false;
        try {
            Files.write(copy, original);
            while (true) {
                Editor.open(editor, copy, project.dir());
                byte[] edited = Files.readAllBytes(copy);
                if (Arrays.equals(edited, original)) {
                    out().println("no changes");
                    return ExitCode.OK;
                }
                LoadResult result = ManifestLoader.parse(new String(edited, StandardCharsets.UTF_8), manifest,
                        context().system());
                if (result instanceof LoadResult.Invalid invalid) {
                    printProblems(invalid.problems());
                    if (prompt.interactive() && prompt.confirm("Edit again? [Y/n] ")) {
                        continue;
                    }
                    keepCopy = true;
                    throw EnvyException.invalid(manifest.getFileName() + " was left unchanged: the edit has "
                                    + count(invalid.problems().size()) + "; your edited copy is kept in " + copy,
                            "fix it there and move it over " + manifest.getFileName() + " (`mv " + copy.getFileName()
                                    + " " + manifest.getFileName() + "`), or run `envy edit` again");
                }
                if (!Arrays.equals(Files.readAllBytes(manifest), original)) {
                    keepCopy = true;
                    throw EnvyException.failed(manifest.getFileName() + " changed on disk while you edited it, so it "
                            + "was left as it is now", "your edited copy is kept in " + copy);
                }
                replace(manifest, copy);
                return ManifestApply.apply(context(), project, out(), err(), manifest.getFileName() + " saved");
            }
        } finally {
            if (!keepCopy) {
                Files.deleteIfExists(copy);
            }
        }
    }

    /** Atomically puts the valid copy in place, with the original file's permissions. */
    private static void replace(Path manifest, Path copy) throws IOException {
        try {
            Files.setPosixFilePermissions(copy, Files.getPosixFilePermissions(manifest));
        } catch (UnsupportedOperationException notPosix) {
            // the copy keeps the default permissions of a new file
        }
        Files.move(copy, manifest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private void printProblems(List<Problem> problems) {
        problems.forEach(p -> err().println(p.format()));
        err().flush();
    }

    private static String count(int problems) {
        return problems + (problems == 1 ? " problem" : " problems");
    }
}

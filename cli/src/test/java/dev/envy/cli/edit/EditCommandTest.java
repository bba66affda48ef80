package dev.envy.cli.edit;

import dev.envy.cli.CliContext;
import dev.envy.cli.CliRun;
import dev.envy.cli.EnvyCommand;
import dev.envy.cli.EnvyException;
import dev.envy.cli.FakeDaemon;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EditCommandTest {

    @TempDir
    Path project;
    @TempDir
    Path tools;
    Path manifest;
    FakeDaemon daemon = new FakeDaemon();

    @BeforeEach
    void setUp() throws IOException {
        manifest = project.resolve("envy.toml");
        Files.writeString(manifest, ReloadCommandTest.VALID);
    }

    /** An editor that runs {@code body} with the file as $1 (a script, as a user's $EDITOR would be). */
    private String editor(String name, String body) throws IOException {
        Path script = tools.resolve(name);
        Files.writeString(script, "#!/bin/sh\nset -e\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script.toString();
    }

    private CliRun.Result edit(String editor) {
        return new CliRun(project).daemons(daemon).env("EDITOR", editor).run("edit");
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(project)) {
            return files.filter(f -> !f.getFileName().toString().equals("envy.toml")).toList();
        }
    }

    @Test
    void UP_1_aValidEditIsSavedAndWithoutADaemonNothingIsApplied() throws IOException {
        CliRun.Result r = edit(editor("ed", "sed -i 's/\"pg\"/\"pg -v\"/' \"$1\""));
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("envy.toml saved; no daemon is running, nothing to apply\n", r.out());
        assertEquals(ReloadCommandTest.VALID.replace("\"pg\"", "\"pg -v\""), Files.readString(manifest));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void UP_1_aValidEditIsAppliedByARunningDaemon() throws IOException {
        daemon.running().answer(new Response.Result(0,
                List.of("db: restarted (command changed)", "web: restarted (dependency db restarted)"), List.of(),
                List.of()));
        CliRun.Result r = edit(editor("ed", "sed -i 's/\"pg\"/\"pg -v\"/' \"$1\""));
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of(new Request.Reload()), daemon.received);
        assertEquals("db: restarted (command changed)\nweb: restarted (dependency db restarted)\n", r.out());
    }

    @Test
    void anUnchangedFileSaysNoChangesAndSendsNothing() throws IOException {
        daemon.running();
        CliRun.Result r = edit(editor("noop", "true"));
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("no changes\n", r.out());
        assertEquals(List.of(), daemon.received);
        assertEquals(List.of(), leftovers());
    }

    @Test
    void UP_1_anInvalidEditOffTerminalLeavesTheManifestUntouchedAndIsExit2() throws IOException {
        daemon.running();
        CliRun.Result r = edit(editor("bad", "sed -i 's/command = \"pg\"/command = 3/' \"$1\""));
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("envy.toml:3:"), r.err());
        assertTrue(r.err().contains("left unchanged"), r.err());
        assertEquals(ReloadCommandTest.VALID, Files.readString(manifest));
        assertEquals(List.of(), daemon.received);
        List<Path> kept = leftovers();
        assertEquals(1, kept.size(), "the invalid edit is kept, off a terminal too");
        assertTrue(r.err().contains("your edited copy is kept in " + kept.getFirst()), r.err());
        assertTrue(Files.readString(kept.getFirst()).contains("command = 3"));
    }

    @Test
    void theEditorIsOpenedOnACopyBesideTheManifestNamedDotToml() throws IOException {
        Path seen = tools.resolve("seen");
        edit(editor("record", "echo \"$1\" > " + seen));
        Path copy = Path.of(Files.readString(seen).trim());
        assertEquals(project.toRealPath(), copy.getParent().toRealPath());
        assertTrue(copy.getFileName().toString().endsWith(".toml"), copy.toString());
    }

    @Test
    void visualWinsOverEditorAndMayCarryArguments() throws IOException {
        String visual = editor("visual", "[ \"$1\" = --wait ]\nsed -i 's/\"serve\"/\"serve --hot\"/' \"$2\"");
        CliRun.Result r = new CliRun(project).daemons(daemon).env("EDITOR", "false").env("VISUAL", visual + " --wait")
                .run("edit");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(Files.readString(manifest).contains("serve --hot"));
    }

    @Test
    void aFailingEditorIsExit1AndChangesNothing() throws IOException {
        CliRun.Result r = edit(editor("crash", "sed -i 's/pg/xx/' \"$1\"\nexit 4"));
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("exited with code 4"), r.err());
        assertEquals(ReloadCommandTest.VALID, Files.readString(manifest));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void theSavedFileKeepsItsPermissions() throws IOException {
        Files.setPosixFilePermissions(manifest, PosixFilePermissions.fromString("rw-r-----"));
        edit(editor("ed", "sed -i 's/\"pg\"/\"pg -v\"/' \"$1\""));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(manifest)));
    }

    @Test
    void aManifestChangedOnDiskDuringTheEditIsNotOverwritten() throws IOException {
        String sneaky = "printf '# someone else\\n' >> " + manifest + "\nsed -i 's/\"pg\"/\"pg -v\"/' \"$1\"";
        CliRun.Result r = edit(editor("race", sneaky));
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(Files.readString(manifest).endsWith("# someone else\n"));
        assertEquals(1, leftovers().size(), "the edited copy is kept for the user");
    }

    /** Answers "Edit again?" from a script and counts the questions. */
    static final class ScriptedPrompt implements Prompt {
        final List<String> answers;
        final List<String> asked = new ArrayList<>();

        ScriptedPrompt(String... answers) {
            this.answers = new ArrayList<>(List.of(answers));
        }

        @Override
        public boolean interactive() {
            return true;
        }

        @Override
        public String ask(String question) {
            asked.add(question);
            return answers.isEmpty() ? null : answers.removeFirst();
        }
    }

    private record Outcome(int exitCode, String out, String err) {
    }

    /** {@code envy edit} on a terminal whose user answers with {@code prompt}. */
    private Outcome editOnTerminal(String editor, Prompt prompt) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(project, Map.of("EDITOR", editor), "x86_64-linux", InstantSource.system(),
                c -> daemon);
        CommandLine envy = new CommandLine(new EnvyCommand(context).spec());
        envy.addSubcommand(new CommandLine(new EditCommand(prompt).spec()));
        envy.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        envy.setExecutionExceptionHandler((ex, cl, parsed) -> {
            if (ex instanceof EnvyException e) {
                cl.getErr().println("envy: " + e.getMessage());
                e.hint().ifPresent(h -> cl.getErr().println("hint: " + h));
                return e.exitCode();
            }
            throw ex;
        });
        int code = envy.execute("edit");
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void UP_1_onATerminalAnInvalidEditCanBeEditedAgainFromTheUsersText() throws IOException {
        Path runs = tools.resolve("runs");
        // first session breaks the file; the second finds that text (not the original) and fixes it differently
        String script = editor("twice", """
                if [ ! -f %1$s ]; then
                  touch %1$s
                  sed -i 's/command = "pg"/command = 3/' "$1"
                else
                  grep -q 'command = 3' "$1"
                  sed -i 's/command = 3/command = "pg2"/' "$1"
                fi""".formatted(runs));
        ScriptedPrompt prompt = new ScriptedPrompt("");
        Outcome o = editOnTerminal(script, prompt);
        assertEquals(0, o.exitCode(), o.toString());
        assertEquals(List.of("Edit again? [Y/n] "), prompt.asked);
        assertTrue(o.err().contains("envy.toml:3:"), o.err());
        assertTrue(Files.readString(manifest).contains("command = \"pg2\""));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void onATerminalDecliningToEditAgainKeepsTheCopyAndTheManifest() throws IOException {
        ScriptedPrompt prompt = new ScriptedPrompt("n");
        Outcome o = editOnTerminal(editor("bad", "sed -i 's/command = \"pg\"/command = 3/' \"$1\""), prompt);
        assertEquals(2, o.exitCode(), o.toString());
        assertEquals(ReloadCommandTest.VALID, Files.readString(manifest));
        List<Path> kept = leftovers();
        assertEquals(1, kept.size());
        assertTrue(o.err().contains(kept.getFirst().toString()), o.err());
        assertTrue(Files.readString(kept.getFirst()).contains("command = 3"));
    }
}

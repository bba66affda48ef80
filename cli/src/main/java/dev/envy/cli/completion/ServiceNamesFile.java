package dev.envy.cli.completion;

import dev.envy.core.runtime.ProjectPaths;
import dev.envy.host.fs.PrivateFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;

/**
 * {@code .envy/service-names}: the project's service names, one a line, as envy's own parser read them from envy.toml.
 * The completion scripts read it when it is newer than envy.toml, so a Tab at a service name starts no process; when
 * it is older (envy.toml was edited) or missing, they ask {@code envy completion --services}, which writes it anew.
 * So the shells never parse TOML, and a stale list is never offered.
 */
public final class ServiceNamesFile {
    /** The file's name in {@code .envy/}; the scripts spell it too. */
    public static final String NAME = "service-names";

    private ServiceNamesFile() {
    }

    public static Path of(Path projectDir) {
        return ProjectPaths.of(projectDir).stateDir().resolve(NAME);
    }

    /** Writes the names (whole, then renamed into place); a project envy cannot write to is simply not helped. */
    public static void write(Path projectDir, Collection<String> names) {
        try {
            PrivateFiles.prepareStateDir(ProjectPaths.of(projectDir), PrivateFiles.noteIn(ProjectPaths.of(projectDir),
                    "completion"));
            StringBuilder text = new StringBuilder();
            names.forEach(n -> text.append(n).append('\n'));
            PrivateFiles.write(of(projectDir), text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            // read-only project, full disk: the next Tab asks envy again
        }
    }
}

package dev.envy.cli;

import dev.envy.core.manifest.Problem;

import java.nio.file.Path;
import java.util.List;

/** The manifest has problems: each is printed on its own line ({@code envy.toml:3:1: …}), exit 2. */
public final class InvalidManifestException extends EnvyException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public InvalidManifestException(Path manifest, List<Problem> problems) {
        super(ExitCode.INVALID, manifest + " has " + problems.size() + (problems.size() == 1 ? " problem" : " problems"),
                "fix " + (problems.size() == 1 ? "it" : "them") + " and run `envy check` again");
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}

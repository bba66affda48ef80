package dev.envy.cli;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A command's picocli object that only gathers what its command line asked into an {@link Invocation} and runs that:
 * the command's logic is the invocation's, testable without picocli.
 */
public abstract class InvocationCommand extends CliCommand implements Invocation.Parsed {

    @Override
    protected final int execute() throws Exception {
        return invocation().run(project(), context(), out(), err());
    }

    /** The global {@code -d/--dir}, for the invocation. */
    protected Optional<Path> dirOption() {
        return root().dirOption();
    }
}

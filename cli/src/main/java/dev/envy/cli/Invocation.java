package dev.envy.cli;

import dev.envy.cli.activate.ActivateCommand;
import dev.envy.cli.activate.ActivateRequest;
import dev.envy.cli.commands.DownCommand;
import dev.envy.cli.commands.ServicesRestartCommand;
import dev.envy.cli.commands.ServicesStartCommand;
import dev.envy.cli.commands.ServicesStatusCommand;
import dev.envy.cli.commands.ServicesStopCommand;
import dev.envy.cli.commands.UpCommand;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A command as a value: everything its command line asked for, as the picocli command object holds it after parsing
 * ({@link Parsed#invocation()}). It runs through {@link #run}, which calls the command class's static entry point.
 */
public sealed interface Invocation {

    /** The global {@code -d/--dir DIR}. */
    Optional<Path> dir();

    /** Whether the command will talk to the environment's daemon (if one runs, or by starting one). */
    default boolean talksToDaemon() {
        return true;
    }

    /** Runs the command for {@code project} (found from {@link #dir()}); returns the exit code or throws. */
    int run(Project project, CliContext context, PrintWriter out, PrintWriter err) throws Exception;

    /** A picocli command that can say what it was asked, as an {@link Invocation}. */
    interface Parsed {
        Invocation invocation();
    }

    /** {@code envy activate}. */
    record Activate(Optional<Path> dir, ActivateRequest request) implements Invocation {
        /** Only when it starts services for certain; registering with a running daemon is decided later. */
        @Override
        public boolean talksToDaemon() {
            return request.startServices() && !request.noStartServices();
        }

        @Override
        public int run(Project project, CliContext context, PrintWriter out, PrintWriter err) throws Exception {
            return ActivateCommand.run(project, context, request, out, err);
        }
    }

    /** {@code envy up}, detached or in the foreground; {@code noTui}: plain lines even on a terminal. */
    record Up(Optional<Path> dir, boolean detach, boolean await, Duration timeout, boolean noTui) implements Invocation {
        public Up(Optional<Path> dir, boolean detach, boolean await, Duration timeout) {
            this(dir, detach, await, timeout, false);
        }

        @Override
        public int run(Project project, CliContext context, PrintWriter out, PrintWriter err) throws Exception {
            return UpCommand.run(project, context, this, out, err);
        }
    }

    /** {@code envy down}. */
    record Down(Optional<Path> dir) implements Invocation {
        @Override
        public int run(Project project, CliContext context, PrintWriter out, PrintWriter err) {
            return DownCommand.run(project, context, out, err);
        }
    }

    /** {@code envy services wait [NAMES…]}. */
    record Wait(Optional<Path> dir, List<String> names, Duration timeout) implements Invocation {
        public Wait {
            names = List.copyOf(names);
        }

        @Override
        public int run(Project project, CliContext context, PrintWriter out, PrintWriter err) {
            return dev.envy.cli.commands.ServicesWaitCommand.run(project, context, this, out, err);
        }
    }

    /** {@code envy services start [NAMES…]}. */
    record Start(Optional<Path> dir, List<String> names, boolean await, Duration timeout) implements Invocation {
        public Start {
            names = List.copyOf(names);
        }

        @Override
        public int run(Project project, CliContext context, PrintWriter out, PrintWriter err) {
            return ServicesStartCommand.run(project, context, this, out, err);
        }
    }

    /** {@code envy services stop [NAMES…]}. */
    record Stop(Optional<Path> dir, List<String> names, boolean await) implements Invocation {
        public Stop {
            names = List.copyOf(names);
        }

        @Override
        public int run(Project project, CliContext context, PrintWriter out, PrintWriter err) {
            return ServicesStopCommand.run(project, context, this, out, err);
        }
    }

    /** {@code envy services restart [NAMES…]}. */
    record Restart(Optional<Path> dir, List<String> names, boolean withDependents, boolean await, Duration timeout)
            implements Invocation {
        public Restart {
            names = List.copyOf(names);
        }

        @Override
        public int run(Project project, CliContext context, PrintWriter out, PrintWriter err) {
            return ServicesRestartCommand.run(project, context, this, out, err);
        }
    }

    /** {@code envy services status [NAMES…]}. */
    record Status(Optional<Path> dir, List<String> names, boolean json) implements Invocation {
        public Status {
            names = List.copyOf(names);
        }

        @Override
        public int run(Project project, CliContext context, PrintWriter out, PrintWriter err) {
            return ServicesStatusCommand.show(project, context, names, json, out);
        }
    }
}

package dev.envy.cli;

import dev.envy.cli.activate.Request;
import dev.envy.cli.commands.WaitOptions;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The hot commands' plain command lines, read without picocli: building picocli's model of a command (its
 * annotations are read through reflection proxies that no class-data archive can hold) costs more than running
 * {@code services status} or {@code activate} itself (README, Performance). Only these shapes are read here, each
 * optionally after the global {@code -d DIR} / {@code --dir DIR}:
 * <pre>
 *   activate [-s|--start-services] [--no-start-services] [--print-script] [-- CMD ARGS…]
 *   up -d|--detach          down
 *   services start|stop|restart|status [NAME…]
 * </pre>
 * Anything else (help, any other option, a repeated flag, an option cluster, {@code @file}, a name that looks like
 * an option, a typo) is declined and goes through picocli, so its behaviour and messages stay picocli's.
 * HotPathTest proves that what is read here equals what picocli parses for the same arguments.
 */
public final class HotPath {
    private HotPath() {
    }

    /** What {@code args} ask, or empty when picocli should parse them. */
    public static Optional<Invocation> read(String[] args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        Optional<Path> dir = Optional.empty();
        if (!rest.isEmpty() && (rest.getFirst().equals("-d") || rest.getFirst().equals("--dir"))) {
            if (rest.size() < 2 || !plain(rest.get(1))) {
                return Optional.empty();
            }
            try {
                dir = Optional.of(Path.of(rest.get(1)));
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
            rest = rest.subList(2, rest.size());
            // picocli refuses a command's name as the option's value ("expected parameter for option '--dir'")
            if (!rest.isEmpty() && rest.getFirst().equals(args[1])) {
                return Optional.empty();
            }
        }
        if (rest.isEmpty()) {
            return Optional.empty();
        }
        List<String> tail = rest.subList(1, rest.size());
        return switch (rest.getFirst()) {
            case "activate" -> activate(dir, tail);
            case "up" -> tail.size() == 1 && (tail.getFirst().equals("-d") || tail.getFirst().equals("--detach"))
                    ? Optional.of(new Invocation.Up(dir, true, true, WaitOptions.DEFAULT_TIMEOUT))
                    : Optional.empty();
            case "down" -> tail.isEmpty() ? Optional.of(new Invocation.Down(dir)) : Optional.empty();
            case "services" -> services(dir, tail);
            default -> Optional.empty();
        };
    }

    private static Optional<Invocation> services(Optional<Path> dir, List<String> args) {
        if (args.isEmpty() || !all(args, false)) {
            return Optional.empty();
        }
        List<String> names = args.subList(1, args.size());
        return Optional.ofNullable(switch (args.getFirst()) {
            case "start" -> new Invocation.Start(dir, names, true, WaitOptions.DEFAULT_TIMEOUT);
            case "stop" -> new Invocation.Stop(dir, names, true);
            case "restart" -> new Invocation.Restart(dir, names, false, true, WaitOptions.DEFAULT_TIMEOUT);
            case "status" -> new Invocation.Status(dir, names, false);
            default -> null;
        });
    }

    private static Optional<Invocation> activate(Optional<Path> dir, List<String> args) {
        boolean start = false;
        boolean noStart = false;
        boolean printScript = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-s", "--start-services" -> {
                    if (start) {
                        return Optional.empty();
                    }
                    start = true;
                }
                case "--no-start-services" -> {
                    if (noStart) {
                        return Optional.empty();
                    }
                    noStart = true;
                }
                case "--print-script" -> {
                    if (printScript) {
                        return Optional.empty();
                    }
                    printScript = true;
                }
                case "--" -> {
                    List<String> command = args.subList(i + 1, args.size());
                    if (!all(command, true)) {
                        return Optional.empty();
                    }
                    return Optional.of(activation(dir, start, noStart, printScript, command));
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(activation(dir, start, noStart, printScript, List.of()));
    }

    private static Invocation activation(Optional<Path> dir, boolean start, boolean noStart, boolean printScript,
                                         List<String> command) {
        return new Invocation.Activate(dir, new Request(start, noStart, Optional.empty(), printScript, command));
    }

    /**
     * Whether every word is {@link #literal} (after {@code --}) or {@link #plain}. A loop, not a stream: this runs
     * before anything else, and a run's first lambda costs milliseconds.
     */
    private static boolean all(List<String> words, boolean afterDashes) {
        for (String w : words) {
            if (afterDashes ? !literal(w) : !plain(w)) {
                return false;
            }
        }
        return true;
    }

    /** A word picocli takes as it is wherever it stands: no option, no {@code @file}. */
    private static boolean plain(String arg) {
        return !arg.isEmpty() && !arg.startsWith("-") && literal(arg);
    }

    /** A word picocli takes as it is after {@code --}: picocli expands {@code @file} arguments even there. */
    private static boolean literal(String arg) {
        return !arg.startsWith("@");
    }
}

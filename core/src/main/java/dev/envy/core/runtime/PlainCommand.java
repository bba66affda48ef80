package dev.envy.core.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * A service's {@code command} that {@code bash -c} would only exec, and that envy therefore execs itself.
 *
 * <p>A command is run "by {@code bash -c}" (manifest.md). For a plain command line — words of ordinary characters, no
 * quoting, expansion, redirection or operator, naming a program rather than a builtin — bash does nothing but adjust
 * three variables and exec the program (it execs the last simple command of {@code -c} without forking). Doing that
 * directly saves a bash start-up per service (a few ms of CPU each: 50 services start noticeably faster) and gives the
 * same process: the same program, argv, working directory and environment. Everything else goes to bash.
 *
 * <p>What bash 5 does to the environment of that exec, and so what this does:
 * <ul>
 *   <li>{@code PWD}: kept when it names the working directory, else set to its physical path (the caller says which,
 *   it knows the file system);</li>
 *   <li>{@code SHLVL}: kept when it is a level from 0 to 998, set to 0 when absent (bash counts itself, then uncounts
 *   itself for the exec);</li>
 *   <li>{@code _}: the program's path as bash found it, unless the command said {@code exec}.</li>
 * </ul>
 * Where bash would do more — an environment holding {@code BASH_ENV}, {@code ENV}, {@code SHELLOPTS},
 * {@code BASHOPTS}, {@code IFS}, {@code OLDPWD}, an exported function ({@code BASH_FUNC_…}) or an odd {@code SHLVL} —
 * the command goes to bash. So does a program bash would run differently than the kernel: only an ELF executable
 * qualifies (bash runs a file without {@code #!} as a script, and passes a script's path as it resolved it).
 */
public final class PlainCommand {

    /** A word of a plain command line: characters no shell treats specially, anywhere in a word. */
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_./,:+@%=-]+");
    private static final Pattern LEVEL = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Set<String> BASH_VARIABLES = Set.of("BASH_ENV", "ENV", "SHELLOPTS", "BASHOPTS", "IFS",
            "OLDPWD");
    /** bash 5's builtins and reserved words ({@code compgen -b -k}): a command naming one is bash's own. */
    private static final Set<String> BASH_WORDS = Set.of(".", ":", "[", "alias", "bg", "bind", "break", "builtin",
            "caller", "cd", "command", "compgen", "complete", "compopt", "continue", "declare", "dirs", "disown",
            "echo", "enable", "eval", "exec", "exit", "export", "false", "fc", "fg", "getopts", "hash", "help",
            "history", "jobs", "kill", "let", "local", "logout", "mapfile", "popd", "printf", "pushd", "pwd", "read",
            "readarray", "readonly", "return", "set", "shift", "shopt", "source", "suspend", "test", "times", "trap",
            "true", "type", "typeset", "ulimit", "umask", "unalias", "unset", "wait", "if", "then", "else", "elif",
            "fi", "case", "esac", "for", "select", "while", "until", "do", "done", "in", "function", "time", "{", "}",
            "!", "[[", "]]", "coproc");

    /**
     * The exec bash would do.
     *
     * @param program     the file to exec: the program word as written when it holds a slash, else as found on PATH
     * @param argv        the words, the program's first as written
     * @param environment the environment, with PWD, SHLVL and _ as bash leaves them
     */
    public record Exec(String program, List<String> argv, Map<String, String> environment) {
        public Exec {
            argv = List.copyOf(argv);
            environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        }
    }

    private PlainCommand() {
    }

    /**
     * The exec of {@code command}, or empty when bash has to run it.
     *
     * @param environment the service's environment (what bash would be started with)
     * @param pwd         what bash would set PWD to: the inherited PWD when it names the working directory, else the
     *                    working directory's physical path
     * @param elfProgram  given a program word and the PATH value, the path bash would exec when it is an ELF executable
     *                    the kernel runs directly: the word itself when it holds a slash (relative to the working
     *                    directory), else the first match on PATH; empty otherwise (not found, not executable, a script)
     */
    public static Optional<Exec> of(String command, Map<String, String> environment, String pwd,
                                    BiFunction<String, String, Optional<String>> elfProgram) {
        List<String> words = words(command);
        if (words.isEmpty() || !environmentIsPlain(environment)) {
            return Optional.empty();
        }
        boolean explicitExec = words.getFirst().equals("exec");
        if (explicitExec) {
            words = words.subList(1, words.size());
            if (words.isEmpty() || words.getFirst().startsWith("-")) {
                return Optional.empty(); // `exec` alone does nothing; `exec -a NAME` is bash's business
            }
        }
        String name = words.getFirst();
        if (BASH_WORDS.contains(name) || name.contains("=") || name.startsWith("-") || name.startsWith("%")) {
            return Optional.empty();
        }
        String path = environment.get("PATH");
        if (!name.contains("/") && (path == null || !pathIsPlain(path))) {
            return Optional.empty();
        }
        Optional<String> program = elfProgram.apply(name, path == null ? "" : path);
        if (program.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("PWD", pwd);
        env.putIfAbsent("SHLVL", "0");
        if (!explicitExec) {
            env.put("_", program.get());
        }
        return Optional.of(new Exec(program.get(), words, env));
    }

    /** The blank-separated words of a plain command line; empty when anything in it is not plain. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        for (String word : command.split("[ \t]+", -1)) {
            if (word.isEmpty()) {
                continue;
            }
            if (!WORD.matcher(word).matches()) {
                return List.of();
            }
            words.add(word);
        }
        return words;
    }

    private static boolean environmentIsPlain(Map<String, String> environment) {
        for (String name : environment.keySet()) {
            if (BASH_VARIABLES.contains(name) || name.startsWith("BASH_FUNC_")) {
                return false;
            }
        }
        String level = environment.get("SHLVL");
        return level == null || (LEVEL.matcher(level).matches() && Integer.parseInt(level) < 999);
    }

    /** Every PATH entry absolute: an empty or relative one would make bash search the working directory. */
    private static boolean pathIsPlain(String path) {
        for (String dir : path.split(":", -1)) {
            if (!dir.startsWith("/")) {
                return false;
            }
        }
        return true;
    }
}

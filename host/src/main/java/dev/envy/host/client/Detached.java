package dev.envy.host.client;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a process that is not this JVM's child: a {@code bash} puts it in the background, says its pid and exits.
 *
 * <p>Why: a JVM that exits while a child of it runs waits ~0.3 s for the JDK's reaper thread, blocked in
 * {@code waitpid}, to leave native code (HotSpot's VM exit gives up after 30 × 10 ms). Every command that starts the
 * daemon (or the daemon cache's training) would pay that after its last line.
 *
 * <p>What the process gets is what a child would: the given environment, working directory and output, stdin from
 * {@code /dev/null}. A shell ignores SIGINT and SIGQUIT in what it starts with {@code &}, and a JVM goes on ignoring
 * a signal that was ignored when it started (SD-2: SIGINT stops the daemon): the subshell restores both, which bash
 * can and dash cannot. bash also sets SHLVL, PWD, OLDPWD, IFS and _ as it starts; they are put back as given (passed
 * as {@code 1:VALUE}, or {@code 0} for unset), so the daemon, and through it every service, gets the CLI's
 * environment (an exported bash function, {@code BASH_FUNC_name%%}, comes out as bash prints it: the same function).
 */
final class Detached {
    private static final String SCRIPT = "out=$1; shift; "
            + "r() { case $2 in 1:*) export \"$1=${2#1:}\" ;; *) unset \"$1\" ;; esac; }; "
            + "(trap - INT QUIT; r SHLVL \"$1\"; r PWD \"$2\"; r OLDPWD \"$3\"; r IFS \"$4\"; u=$5; shift 5; "
            + "case $u in 1:*) _=\"${u#1:}\" exec \"$@\" ;; *) exec \"$@\" ;; esac) "
            + ">>\"$out\" 2>&1 </dev/null & echo $!";
    /** What bash changes as it starts, in the order the script restores them (_ last: bash resets it all the time). */
    private static final List<String> BASH_SETS = List.of("SHLVL", "PWD", "OLDPWD", "IFS", "_");

    private Detached() {
    }

    /**
     * Starts {@code command} with the environment and working directory of {@code builder} (its command and
     * redirections are replaced), its output and errors appended to {@code output}. Returns its pid.
     *
     * @throws IOException when bash cannot be started or says no pid
     */
    static long start(ProcessBuilder builder, List<String> command, Path output) throws IOException {
        List<String> argv = new ArrayList<>(List.of("bash", "-c", SCRIPT, "bash", output.toString()));
        for (String name : BASH_SETS) {
            String value = builder.environment().get(name);
            argv.add(value == null ? "0" : "1:" + value);
        }
        argv.addAll(command);
        builder.command(argv)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.appendTo(output.toFile()));
        Process bash = builder.start();
        try {
            // bash only forks and prints: it is gone at once, and with it the last writer of the pipe read below
            if (!bash.waitFor(Deadlines.DETACH.toMillis(), TimeUnit.MILLISECONDS)) {
                bash.destroyForcibly();
                throw new IOException("bash did not start " + command.getFirst() + " within "
                        + Deadlines.words(Deadlines.DETACH));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            bash.destroyForcibly();
            throw new IOException("interrupted while starting " + command.getFirst());
        }
        String pid = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        try {
            return Long.parseLong(pid);
        } catch (NumberFormatException e) {
            throw new IOException("bash did not say the pid of " + command.getFirst());
        }
    }
}

package dev.envy.core.runtime;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlainCommandTest {

    static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin", "HOME", "/home/u");
    /** Every program word is an ELF file: /usr/bin/NAME, or the word itself when it holds a slash. */
    static final BiFunction<String, String, Optional<String>> ANY_ELF =
            (name, path) -> Optional.of(name.contains("/") ? name : "/usr/bin/" + name);

    static Optional<PlainCommand.Exec> plain(String command) {
        return PlainCommand.of(command, ENV, "/work", ANY_ELF);
    }

    @Test
    void wordsOfOrdinaryCharactersAreExecdAsWritten() {
        PlainCommand.Exec exec = plain("  postgres -D /var/lib/pg --port=5432\tx,y:z+1@h%2 ").orElseThrow();
        assertEquals("/usr/bin/postgres", exec.program());
        assertEquals(List.of("postgres", "-D", "/var/lib/pg", "--port=5432", "x,y:z+1@h%2"), exec.argv());
        assertEquals("./bin/server", plain("./bin/server a").orElseThrow().program());
        assertEquals(List.of("./bin/server", "a"), plain("./bin/server a").orElseThrow().argv());
    }

    @Test
    void anythingAShellWouldInterpretGoesToBash() {
        for (String command : List.of("", "   ", "echo hi", "a; b", "a && b", "a | b", "a > f", "a < f", "a &",
                "x $HOME", "x ${A}", "x \"q\"", "x 'q'", "x \\n", "x *", "x a?", "x [ab]", "x ~", "x ~/f",
                "x {a,b}", "x # c", "x !y", "(a)", "a\nb", "A=1 x", "exec", "exec -a n x", "exec A=1 x",
                "if", "true", "kill 1", "cd /", "test -f x", "[ 1 ]", ". f", "source f", "time x", "-x",
                "%1", "x `y`", "x $(y)", "x^y", "x=y")) {
            assertFalse(plain(command).isPresent(), "not plain: " + command);
        }
    }

    @Test
    void bashAdjustsPwdShlvlAndUnderscoreAndNothingElse() {
        PlainCommand.Exec exec = plain("sleep 10").orElseThrow();
        Map<String, String> expected = new HashMap<>(ENV);
        expected.put("PWD", "/work");
        expected.put("SHLVL", "0");
        expected.put("_", "/usr/bin/sleep");
        assertEquals(expected, exec.environment());

        Map<String, String> env = new HashMap<>(ENV);
        env.put("SHLVL", "5");
        env.put("_", "/inherited");
        PlainCommand.Exec exec2 = PlainCommand.of("exec sleep 10", env, "/work", ANY_ELF).orElseThrow();
        assertEquals(List.of("sleep", "10"), exec2.argv());
        assertEquals("5", exec2.environment().get("SHLVL"));
        assertEquals("/inherited", exec2.environment().get("_"), "exec leaves _ alone");
    }

    @Test
    void anEnvironmentBashWouldActOnGoesToBash() {
        for (String[] entry : new String[][] {{"BASH_ENV", "/f"}, {"ENV", "/f"}, {"SHELLOPTS", "xtrace"},
                {"BASHOPTS", "x"}, {"IFS", ":"}, {"OLDPWD", "/"}, {"BASH_FUNC_f%%", "() { :; }"},
                {"SHLVL", "-1"}, {"SHLVL", "05"}, {"SHLVL", "999"}, {"SHLVL", "x"}}) {
            Map<String, String> env = new HashMap<>(ENV);
            env.put(entry[0], entry[1]);
            assertFalse(PlainCommand.of("sleep 1", env, "/work", ANY_ELF).isPresent(), String.join("=", entry));
        }
        Map<String, String> env = new HashMap<>(ENV);
        env.put("SHLVL", "998");
        assertTrue(PlainCommand.of("sleep 1", env, "/work", ANY_ELF).isPresent());
    }

    @Test
    void aProgramThatIsNotAnElfFileOnAPlainPathGoesToBash() {
        assertFalse(PlainCommand.of("x", ENV, "/work", (n, p) -> Optional.empty()).isPresent(), "script or missing");
        Map<String, String> relative = new HashMap<>(ENV);
        relative.put("PATH", "/usr/bin::/bin");
        assertFalse(PlainCommand.of("x", relative, "/work", ANY_ELF).isPresent(), "empty PATH entry");
        relative.put("PATH", "bin:/usr/bin");
        assertFalse(PlainCommand.of("x", relative, "/work", ANY_ELF).isPresent(), "relative PATH entry");
        relative.remove("PATH");
        assertFalse(PlainCommand.of("x", relative, "/work", ANY_ELF).isPresent(), "no PATH");
        assertTrue(PlainCommand.of("/bin/x", relative, "/work", ANY_ELF).isPresent(), "a path needs no PATH");
        String[] seen = new String[2];
        PlainCommand.of("x", ENV, "/work", (n, p) -> {
            seen[0] = n;
            seen[1] = p;
            return Optional.empty();
        });
        assertEquals(List.of("x", "/usr/bin:/bin"), List.of(seen));
    }
}

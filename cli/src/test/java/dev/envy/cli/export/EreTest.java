package dev.envy.cli.export;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A readiness.log pattern matches the same lines in bash's {@code [[ =~ ]]} as in Java, or is reported. */
class EreTest {

    @Test
    void translatesWhatEreSaysDifferently() {
        assertEquals(new Ere.Translated("ready after [0-9]+ steps$"), Ere.of("ready after \\d+ steps$"));
        assertEquals(new Ere.Translated("(a|b)c"), Ere.of("(?:a|b)c"));
        assertEquals(new Ere.Translated("(a)"), Ere.of("(?<name>a)"));
        assertEquals(new Ere.Translated("a.*b"), Ere.of("a.*?b"));
        assertEquals(new Ere.Translated("[0-9a-f]"), Ere.of("[\\da-f]"));
        assertEquals(new Ere.Translated("1\\.2\\+x"), Ere.of("\\Q1.2+\\Ex"));
        assertEquals(new Ere.Translated("port: 80/tcp"), Ere.of("port\\: 80\\/tcp"));
    }

    @Test
    void reportsWhatEreCannotSay() {
        assertEquals(new Ere.Untranslatable("(?i)"), Ere.of("(?i)ready"));
        assertEquals(new Ere.Untranslatable("(?=x"), Ere.of("a(?=x)"));
        assertEquals(new Ere.Untranslatable("\\1"), Ere.of("(a)\\1"));
        assertEquals(new Ere.Untranslatable("*+"), Ere.of("a*+b"));
        assertEquals(new Ere.Untranslatable("\\p"), Ere.of("\\p{Alpha}"));
        assertEquals(new Ere.Untranslatable("[a&&"), Ere.of("[a&&b]"));
    }

    @Test
    void bashMatchesTheSameLinesAsJava() throws Exception {
        String[][] cases = {
                {"ready to accept connections", "cache: ready to accept connections", "cache: warming up"},
                {"^fourth: ready after \\d+ steps$", "fourth: ready after 3 steps", "fourth: ready after x steps"},
                {"listening on \\d+$", "api listening on 8080", "api listening on 8080!"},
                {"\\bREADY\\b", "state READY now", "ALREADY"},
                {"(?:GET|POST) /health", "POST /health 200", "PUT /health"},
                {"\\s+ok\\s*$", "status   ok ", "status:ok"},
                {"\\w+=\\d{2,3}", "x=123", "x=1"},
                {"a.*?b", "a---b", "b---a"},
                {"[\\d.]+ms", "took 12.5ms", "took ms"},
                {"\\Q[ready]\\E", "state [ready]", "state ready"},
                {"\\$\\{x\\} \\(y\\)", "${x} (y)", "x y"},
                {"it's \"up\"", "it's \"up\" now", "its up"},
        };
        StringBuilder script = new StringBuilder();
        List<Boolean> expected = new ArrayList<>();
        for (String[] c : cases) {
            String ere = ((Ere.Translated) Ere.of(c[0])).pattern();
            for (int i = 1; i < c.length; i++) {
                script.append("re=").append(UnitSyntax.bash(ere)).append("; line=").append(UnitSyntax.bash(c[i]))
                        .append("; [[ $line =~ $re ]] && echo 1 || echo 0\n");
                expected.add(Pattern.compile(c[0]).matcher(c[i]).find());
            }
        }
        List<Boolean> actual = bash(script.toString()).lines().map("1"::equals).toList();
        assertEquals(expected, actual, script.toString());
    }

    static String bash(String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bash did not finish in 30 s");
        }
        return out;
    }
}

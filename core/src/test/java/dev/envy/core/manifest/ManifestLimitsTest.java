package dev.envy.core.manifest;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HD-1, HD-2: what the loader refuses because it would cost more than any real manifest, and how it says so. */
class ManifestLimitsTest {

    /**
     * Not a performance measure (bench/ is): a guard against the super-linear costs these inputs once had — minutes
     * (a 1 MB string took 6.5 s, a did-you-mean over two 200,000-character names about 4e10 steps) — so that such a
     * regression fails instead of hanging the build. Generous, because a loaded machine must not fail it.
     */
    private static final Duration GUARD = Duration.ofSeconds(30);

    private static List<String> problems(String toml) {
        LoadResult result = ManifestLoader.parse(toml, Path.of("envy.toml"), ManifestLoaderTest.LINUX);
        return assertInstanceOf(LoadResult.Invalid.class, result).problems().stream().map(Problem::format).toList();
    }

    private static String services(int n, String extra) {
        StringBuilder toml = new StringBuilder("version = 1\n");
        for (int i = 0; i < n; i++) {
            toml.append("[services.s").append(i).append("]\ncommand = \"sleep 1\"\n").append(extra.formatted(i));
        }
        return toml.toString();
    }

    @Test
    void aManifestOverTheSizeLimitIsRefusedBeforeItIsParsed() {
        String oneString = "version = 1\n[services.a]\ncommand = \"" + "x".repeat(10_000_000) + "\"\n";
        List<String> problems = assertTimeoutPreemptively(GUARD, () -> problems(oneString));
        assertEquals(List.of("envy.toml:1:1: envy.toml is 10.0 MB; the limit is 1 MB (1000000 bytes) (no real manifest"
                + " is this large; check that this is the file you meant)"), problems);
        String justOver = "#" + "x".repeat((int) ManifestLimits.MAX_BYTES) + "\n";
        assertEquals("envy.toml:1:1: envy.toml is 1000002 bytes; the limit is 1 MB (1000000 bytes)",
                problems(justOver).getFirst().replaceAll(" \\(no real.*", ""));
    }

    @Test
    void theSizeLimitCountsBytesNotCharacters() {
        String multiByte = "# " + "é".repeat(600_000) + "\nversion = 1\n"; // 1.2 MB in 600,000 characters
        assertTrue(problems(multiByte).getFirst().startsWith("envy.toml:1:1: envy.toml is 1.2 MB; the limit is 1 MB"),
                problems(multiByte).toString());
    }

    @Test
    void moreServicesThanTheLimitIsOneProblemAtTheFirstServiceOverIt() {
        assertTrue(ManifestLoader.parse(services(ManifestLimits.MAX_SERVICES, ""), Path.of("envy.toml"),
                ManifestLoaderTest.LINUX) instanceof LoadResult.Loaded, "exactly the limit loads");
        List<String> problems = problems(services(ManifestLimits.MAX_SERVICES + 500, ""));
        assertEquals(List.of("envy.toml:2002:1: envy.toml defines 1500 services; the limit is 1000 (this is service"
                + " number 1001; split the environment into several projects)"), problems);
    }

    @Test
    void aCycleThroughEveryServiceIsNamedOnOneReadableLine() {
        int n = ManifestLimits.MAX_SERVICES;
        String cycle = services(n, "depends-on = [\"s%d-next\"]\n").replaceAll("\"s(\\d+)-next\"", "\"@$1\"");
        StringBuilder toml = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("@(\\d+)").matcher(cycle);
        while (m.find()) {
            m.appendReplacement(toml, "s" + (Integer.parseInt(m.group(1)) + 1) % n);
        }
        m.appendTail(toml);
        List<String> problems = assertTimeoutPreemptively(GUARD, () -> problems(toml.toString()));
        assertEquals(List.of("envy.toml:4:15: dependency cycle: s0 -> s1 -> s2 -> s3 -> s4 -> s5 -> … (989 more) …"
                + " -> s995 -> s996 -> s997 -> s998 -> s999 -> s0 (remove one of these depends-on entries)"), problems);
    }

    @Test
    void aProblemInEveryLineIsReportedAsTheFirstHundredAndACount() {
        StringBuilder toml = new StringBuilder("version = 1\n[services.a]\ncommand = \"x\"\ndepends-on = [");
        for (int i = 0; i < 50_000; i++) {
            toml.append("\"missing").append(i).append("\",\n");
        }
        toml.append("]\n");
        List<String> problems = assertTimeoutPreemptively(GUARD, () -> problems(toml.toString()));
        assertEquals(ManifestLimits.MAX_PROBLEMS + 1, problems.size());
        assertEquals("envy.toml:4:15: service 'a' depends on unknown service 'missing0'", problems.getFirst());
        assertEquals("envy.toml:102:13: service 'a' depends on unknown service 'missing99'",
                problems.get(ManifestLimits.MAX_PROBLEMS - 1));
        assertEquals("envy.toml:102:13: 49900 more problems after this one not shown (fix these first and check"
                + " again)", problems.getLast());
    }

    @Test
    void aHostileLongNameGetsNoDidYouMean() {
        String name = "a".repeat(200_000);
        String toml = "version = 1\n[services.\"" + name + "\"]\ncommand = \"x\"\n[services.b]\ncommand = \"x\"\n"
                + "depends-on = [\"" + name.substring(1) + "b\"]\n";
        List<String> problems = assertTimeoutPreemptively(GUARD, () -> problems(toml));
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.stream().noneMatch(p -> p.contains("did you mean")), problems.toString());
    }
}

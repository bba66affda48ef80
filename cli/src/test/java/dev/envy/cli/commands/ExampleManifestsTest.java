package dev.envy.cli.commands;

import dev.envy.cli.CliRun;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every example under manifests/ is valid and plans as its comments say. */
class ExampleManifestsTest {
    /** Surefire runs in the module directory; the examples are at the repository root. */
    static final Path EXAMPLES = Path.of("..", "manifests").toAbsolutePath().normalize();

    private static List<String> plan(String example) {
        CliRun.Result r = new CliRun(EXAMPLES).run("-d", example, "check");
        assertEquals(0, r.exitCode(), r.toString());
        return r.out().lines().skip(1).toList();
    }

    @Test
    void everyExampleDirectoryHoldsAValidManifest() throws Exception {
        try (Stream<Path> dirs = Files.list(EXAMPLES)) {
            List<Path> examples = dirs.filter(Files::isDirectory).toList();
            assertTrue(examples.size() >= 3, "at least three examples in " + EXAMPLES);
            for (Path dir : examples) {
                CliRun.Result r = new CliRun(EXAMPLES).run("-d", dir.toString(), "check");
                assertEquals(0, r.exitCode(), dir + "\n" + r);
            }
        }
    }

    @Test
    void webappStartsDbAndCacheThenMigrateThenWeb() {
        assertEquals(List.of("1: cache, db", "2: migrate", "3: web",
                "migrate waits for db (ready)",
                "web waits for db (ready), cache (ready), migrate (completed)"), plan("webapp"));
    }

    @Test
    void readinessChainIsFourLevelsOfOneService() {
        assertEquals(List.of("1: first", "2: second", "3: third", "4: fourth",
                "second waits for first (ready)", "third waits for second (ready)", "fourth waits for third (ready)"),
                plan("readiness-chain"));
    }

    @Test
    void portsExampleStartsApiAndDocsThenWeb() {
        assertEquals(List.of("1: api, docs", "2: web", "web waits for api (ready)"), plan("ports"));
    }

    @Test
    void floxExampleLoadsWithFloxSections() {
        assertEquals(List.of("1: api", "2: worker", "worker waits for api (ready)"), plan("flox"));
    }
}

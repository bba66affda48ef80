package dev.envy.daemon.env;

import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.ServiceSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class EnvironmentBuilderTest {

    @TempDir
    Path project;

    private static final Map<String, String> OUTER = Map.of("PATH", System.getenv("PATH"), "HOME", "/home/u",
            "OUTER", "outer");

    private static Manifest manifest(Map<String, String> vars, String hook, ServiceSpec... services) {
        Map<String, ServiceSpec> byName = new LinkedHashMap<>();
        Arrays.stream(services).forEach(s -> byName.put(s.name(), s));
        return new Manifest(Path.of("envy.toml"), 1, vars,
                new Manifest.Hook(Optional.ofNullable(hook), Optional.empty()), Manifest.Profile.NONE, false,
                Manifest.Options.DEFAULTS, byName);
    }

    private static ServiceSpec service(String name, Map<String, String> vars) {
        return ServiceSpec.builder(name, "true").vars(vars).build();
    }

    private Map<String, Map<String, String>> build(Manifest m) throws HookFailure {
        return new EnvironmentBuilder().build(m, OUTER, project, "proj-1234").services();
    }

    @Test
    void outerEnvironmentVarsAndEnvyVariablesReachEveryService() throws Exception {
        Map<String, Map<String, String>> envs = build(manifest(Map.of("PGPORT", "15432"), null,
                ServiceSpec.of("db", "pg"), ServiceSpec.of("web", "w")));
        assertEquals(List.of("db", "web"), List.copyOf(envs.keySet()));
        Map<String, String> db = envs.get("db");
        assertEquals("outer", db.get("OUTER"));
        assertEquals("15432", db.get("PGPORT"));
        assertEquals(project.toString(), db.get("ENVY_PROJECT"));
        assertEquals("proj-1234", db.get("ENVY_ENV"));
        assertEquals(project.toString(), db.get("ENVY_ACTIVE"), "an envy run by a service acts on its project");
        assertEquals("db", db.get("ENVY_SERVICE"));
        assertEquals("web", envs.get("web").get("ENVY_SERVICE"));
    }

    @Test
    void varsReferToOtherVarsAndTheOuterEnvironment() throws Exception {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("DATA", "${HOME}/data");
        vars.put("PGDATA", "${DATA}/pg");
        Map<String, String> env = build(manifest(vars, null, ServiceSpec.of("db", "pg"))).get("db");
        assertEquals("/home/u/data/pg", env.get("PGDATA"));
    }

    @Test
    void hookExportsAreKeptAndSeeVarsAndEnvyProject() throws Exception {
        String hook = "export PGDATA=\"$ENVY_PROJECT/.envy/data/pg\"\nexport URL=\"db:$PGPORT\"\nNOT_EXPORTED=1\n";
        Map<String, String> env = build(manifest(Map.of("PGPORT", "15432"), hook, ServiceSpec.of("db", "pg")))
                .get("db");
        assertEquals(project + "/.envy/data/pg", env.get("PGDATA"));
        assertEquals("db:15432", env.get("URL"));
        assertFalse(env.containsKey("NOT_EXPORTED"));
    }

    @Test
    void hookRunsOnceForAllServicesInTheProjectRootWithNoStdin() throws Exception {
        String hook = "echo ran >> \"$ENVY_PROJECT/runs\"\nexport WHERE=\"$(pwd)\"\n"
                + "if read -r line; then export STDIN=had-input; else export STDIN=eof; fi\n";
        Map<String, Map<String, String>> envs = build(manifest(Map.of(), hook,
                ServiceSpec.of("a", "x"), ServiceSpec.of("b", "x"), ServiceSpec.of("c", "x")));
        assertEquals(List.of("ran"), Files.readAllLines(project.resolve("runs")));
        assertEquals(project.toRealPath().toString(), Path.of(envs.get("a").get("WHERE")).toRealPath().toString());
        assertEquals("eof", envs.get("c").get("STDIN"));
    }

    @Test
    void hookOutputIsNotMistakenForItsEnvironment() throws Exception {
        String hook = "echo 'FAKE=from-stdout'\nprintf 'ALSO=fake\\0'\necho 'ERR=x' >&2\n";
        Map<String, String> env = build(manifest(Map.of(), hook, ServiceSpec.of("s", "x"))).get("s");
        assertFalse(env.containsKey("FAKE"));
        assertFalse(env.containsKey("ALSO"));
        assertFalse(env.containsKey("ERR"));
    }

    @Test
    void hookCanUnsetAVariable() throws Exception {
        Map<String, String> env = build(manifest(Map.of(), "unset OUTER", ServiceSpec.of("s", "x"))).get("s");
        assertFalse(env.containsKey("OUTER"));
        assertEquals("/home/u", env.get("HOME"));
    }

    @Test
    void bashOwnVariablesDoNotLeakFromTheHook() throws Exception {
        Map<String, String> env = build(manifest(Map.of(), "cd /tmp", ServiceSpec.of("s", "x"))).get("s");
        assertFalse(env.containsKey("SHLVL"), env.toString());
        assertFalse(env.containsKey("_"));
        assertFalse(env.containsKey("PWD"));
        assertFalse(env.containsKey("OLDPWD"));
    }

    @Test
    void valuesWithNewlinesAndEqualsSurviveTheHook() throws Exception {
        String hook = "export MULTI=$'line1\\nline2=x'";
        Map<String, String> env = build(manifest(Map.of(), hook, ServiceSpec.of("s", "x"))).get("s");
        assertEquals("line1\nline2=x", env.get("MULTI"));
    }

    @Test
    void serviceVarsWinAndExpandAgainstTheSharedEnvironment() throws Exception {
        Map<String, Map<String, String>> envs = build(manifest(Map.of("PORT", "3000"), "export HOST=localhost",
                service("web", Map.of("URL", "http://${HOST}:${PORT}/", "PORT", "4000")),
                ServiceSpec.of("other", "x")));
        Map<String, String> web = envs.get("web");
        assertEquals("4000", web.get("PORT"));
        assertEquals("3000", envs.get("other").get("PORT"));
        assertTrue(web.get("URL").startsWith("http://localhost:"), web.get("URL"));
    }

    @Test
    void theSharedEnvironmentHasVarsAndHookExportsButNoServicesOwn() throws Exception {
        Map<String, String> shared = new EnvironmentBuilder().build(manifest(Map.of("PORT", "3000"),
                "export HOST=localhost", service("web", Map.of("URL", "u", "PORT", "4000"))), OUTER, project,
                "proj-1234").shared();
        assertEquals("3000", shared.get("PORT"));
        assertEquals("localhost", shared.get("HOST"));
        assertEquals("proj-1234", shared.get("ENVY_ENV"));
        assertFalse(shared.containsKey("URL"), "a service's own vars stay its own");
        assertFalse(shared.containsKey("ENVY_SERVICE"));
    }

    @Test
    void envyVariablesCannotBeOverriddenByTheHook() throws Exception {
        Map<String, String> env = build(manifest(Map.of(), "export ENVY_SERVICE=x ENVY_PROJECT=/elsewhere",
                ServiceSpec.of("s", "x"))).get("s");
        assertEquals("s", env.get("ENVY_SERVICE"));
        assertEquals(project.toString(), env.get("ENVY_PROJECT"));
    }

    @Test
    void failingHookReportsItsExitCodeAndLastOutputLines() {
        HookFailure failure = assertThrows(HookFailure.class, () -> build(manifest(Map.of(),
                "echo preparing\necho 'database missing' >&2\nexit 3", ServiceSpec.of("s", "x"))));
        assertEquals(3, failure.exitCode());
        assertEquals("hook.on-activate failed with exit code 3", failure.getMessage());
        assertEquals(List.of("preparing", "database missing"), failure.outputTail());
    }

    @Test
    void hookWhoseLastCommandFailsFails() {
        HookFailure failure = assertThrows(HookFailure.class,
                () -> build(manifest(Map.of(), "export A=1\nfalse", ServiceSpec.of("s", "x"))));
        assertEquals(1, failure.exitCode());
    }

    @Test
    void hookThatExitsZeroEarlyIsAnErrorNotAnEmptyEnvironment() {
        HookFailure failure = assertThrows(HookFailure.class,
                () -> build(manifest(Map.of(), "exit 0", ServiceSpec.of("s", "x"))));
        assertTrue(failure.getMessage().contains("called exit"), failure.getMessage());
    }

    @Test
    void hookWithASyntaxErrorFailsWithBashMessage() {
        HookFailure failure = assertThrows(HookFailure.class,
                () -> build(manifest(Map.of(), "if then fi (", ServiceSpec.of("s", "x"))));
        assertEquals(2, failure.exitCode());
        assertTrue(String.join("\n", failure.outputTail()).contains("syntax error"), failure.outputTail().toString());
    }

    @Test
    void outputTailKeepsOnlyTheLastLines() {
        HookFailure failure = assertThrows(HookFailure.class, () -> build(manifest(Map.of(),
                "for i in $(seq 1 5000); do echo \"line $i\"; done; exit 4", ServiceSpec.of("s", "x"))));
        assertEquals(HookRunner.TAIL_LINES, failure.outputTail().size());
        assertEquals("line 5000", failure.outputTail().getLast());
    }

    @Test
    void hookPastItsDeadlineIsKilledWithItsChildren() throws Exception {
        Path pidFile = project.resolve("child.pid");
        String hook = "sleep 60 & echo $! > \"$ENVY_PROJECT/child.pid\"\necho started\nwait";
        Instant began = Instant.now();
        HookFailure failure = assertThrows(HookFailure.class, () -> new EnvironmentBuilder(Duration.ofMillis(700))
                .build(manifest(Map.of(), hook, ServiceSpec.of("s", "x")), OUTER, project, "e"));
        assertEquals(HookFailure.NO_EXIT_CODE, failure.exitCode());
        assertTrue(failure.getMessage().contains("did not finish within"), failure.getMessage());
        assertEquals("started", failure.outputTail().getFirst(), "the tail of what the hook printed");
        assertTrue(Duration.between(began, Instant.now()).toSeconds() < 10, "the deadline bounded the wait");
        long child = Long.parseLong(Files.readString(pidFile).trim());
        awaitGone(child);
    }

    /** Waits until {@code pid} no longer runs (absent, or a zombie waiting for init), up to 5 s. */
    private static void awaitGone(long pid) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(5);
        Path stat = Path.of("/proc/" + pid + "/stat");
        while (Instant.now().isBefore(deadline)) {
            if (!Files.exists(stat)) {
                return;
            }
            try {
                String s = Files.readString(stat);
                if (s.substring(s.lastIndexOf(')') + 2).startsWith("Z")) {
                    return;
                }
            } catch (IOException vanished) {
                return;
            }
            Thread.sleep(20);
        }
        fail("the hook's child " + pid + " was still running 5 s after the hook timed out");
    }

    @Test
    void noHookMeansNoBash() throws Exception {
        // with no hook nothing is run: an outer environment whose PATH has no bash still works
        Map<String, String> env = new EnvironmentBuilder().build(manifest(Map.of("A", "1"), null,
                ServiceSpec.of("s", "x")), Map.of("PATH", "/nonexistent"), project, "e").of("s");
        assertEquals("1", env.get("A"));
    }
}

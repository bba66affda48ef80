package dev.envy.it.attach;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonValue;
import dev.envy.it.support.Await;
import dev.envy.it.support.Envy;
import dev.envy.it.support.Projects;
import dev.envy.it.support.TestProject;
import dev.envy.it.support.Tmux;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TV-1: {@code envy attach} and {@code envy up} on a real terminal (tmux): what the view shows, what its keys do, a
 * resize, several terminals at once, leaving it, and a daemon that exits under it.
 */
class LiveViewTest {
    static final Duration DEADLINE = Duration.ofSeconds(60);

    @RegisterExtension
    final Projects projects = new Projects();

    /** A service that records its start and stop, says hello and is ready once it said so. */
    static String service(String name, String... dependsOn) {
        return "[services." + name + "]\n"
                + "command = '''trap 'echo \"stop " + name + "\" >> \"$RECORD\"; exit 0' TERM; "
                + "echo \"start " + name + "\" >> \"$RECORD\"; echo \"hello from " + name + "\"; "
                + "sleep 100000 & wait'''\n"
                + "readiness.log = \"^hello from " + name + "$\"\n"
                + (dependsOn.length == 0 ? "" : "depends-on = [\"" + String.join("\", \"", dependsOn) + "\"]\n")
                + "\n";
    }

    static TestProject dbAndWeb(Projects projects) {
        return projects.withManifest("version = 1\n\n" + service("db") + service("web", "db"));
    }

    /** The terminal of a user of {@code project}: its envy environment, a UTF-8 xterm, a plain bash prompt. */
    static Tmux terminal(TestProject project) {
        Map<String, String> env = new LinkedHashMap<>(project.envy().env());
        env.keySet().removeIf(k -> k.startsWith("TMUX"));
        env.put("TERM", "xterm-256color");
        env.put("LANG", "C.UTF-8");
        env.put("PS1", "$ ");
        return new Tmux(project.home(), env);
    }

    static String envy() {
        return Envy.home().resolve("bin/envy").toString();
    }

    /** Opens a 120×30 bash in the project and runs {@code envy ARGS} in it. */
    static void run(Tmux tmux, String window, TestProject project, String args) {
        tmux.open(window, project.dir(), "bash --norc --noprofile -i", 120, 30);
        tmux.type(window, envy() + " " + args);
    }

    /** The row of {@code service} in the table on the screen, or "" when it is not shown. */
    static String row(Tmux tmux, String window, String service) {
        return tmux.visible(window).lines().filter(l -> l.matches("^(▶ |  )" + service + " .*")).findFirst()
                .orElse("");
    }

    /** {@code envy up -d} of {@code project}, then {@code envy attach} in window "a", once it shows web running. */
    static Tmux attached(TestProject project) {
        project.run("up", "-d").assertExit(0);
        return showing(project, "attach");
    }

    /** {@code envy up} of {@code project} on a terminal (window "a"), once its view shows web running. */
    static Tmux underUp(TestProject project) {
        return showing(project, "up");
    }

    /** {@code envy ARGS} in window "a" of a new terminal, once its view shows web running. */
    private static Tmux showing(TestProject project, String args) {
        Tmux tmux = terminal(project);
        try {
            run(tmux, "a", project, args);
            awaitRow(tmux, "a", "web", "running");
            return tmux;
        } catch (RuntimeException | AssertionError e) {
            tmux.close();
            throw e;
        }
    }

    /** The command that ran in {@code window} has ended with exit code {@code rc}, and its shell takes commands. */
    static void exitedWith(Tmux tmux, String window, int rc) {
        tmux.type(window, "echo \"rc=$?\"");
        tmux.expect(window, "rc=" + rc);
    }

    static void awaitRow(Tmux tmux, String window, String service, String status) {
        try {
            Await.until(service + " " + status + " in the table", DEADLINE,
                    () -> row(tmux, window, service).matches("^(▶ |  )" + service + " +" + status + "( .*|$)"));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the screen:\n" + tmux.visible(window), e);
        }
    }

    @Test
    void TV_1_attachShowsEveryServiceWithItsFiguresAndTheirLogsLive() {
        TestProject p = dbAndWeb(projects);
        try (Tmux tmux = attached(p)) {
            awaitRow(tmux, "a", "db", "running");
            String screen = tmux.visible("a");
            assertTrue(screen.startsWith("envy project · no activation · held up"), screen);
            assertTrue(screen.contains("NAME  STATUS   READY  PID"), screen);
            for (String column : List.of("UPTIME", "RESTARTS", "EXIT", "PORTS", "CPU%", "RSS")) {
                assertTrue(screen.contains(column), column + " is shown: " + screen);
            }
            assertTrue(row(tmux, "a", "db").startsWith("▶ db"), "the first service is selected: " + screen);
            assertTrue(row(tmux, "a", "web").matches("  web +running +yes +\\d+ +[0-9ms]+ +0 +- .*"), row(tmux, "a", "web"));
            tmux.expectVisible("a", "web | hello from web");
            tmux.expectVisible("a", "db  | hello from db");

            // the view follows the daemon's events: a stop from elsewhere shows at once
            p.run("services", "stop", "web").assertExit(0);
            awaitRow(tmux, "a", "web", "stopped");
            assertTrue(row(tmux, "a", "web").contains("SIGTERM"), row(tmux, "a", "web"));
        }
    }

    @Test
    void TV_1_keysSelectShowALogRestartStopStartSearchWrapCopyAndHelp() {
        TestProject p = dbAndWeb(projects);
        try (Tmux tmux = attached(p)) {

            tmux.typeKeys("a", "j");
            Await.until("web selected", DEADLINE, () -> row(tmux, "a", "web").startsWith("▶ web"));
            tmux.typeKeys("a", "k");
            Await.until("db selected", DEADLINE, () -> row(tmux, "a", "db").startsWith("▶ db"));
            tmux.typeKeys("a", "l");
            tmux.expectVisible("a", "── logs: db · following");
            tmux.typeKeys("a", "Down");
            Await.until("web selected", DEADLINE, () -> row(tmux, "a", "web").startsWith("▶ web"));
            tmux.typeKeys("a", "Enter");
            tmux.expectVisible("a", "── logs: web · following");

            tmux.typeKeys("a", "r");
            Await.until("web restarted (have " + p.records() + ")", DEADLINE,
                    () -> p.records().stream().filter("start web"::equals).count() == 2);
            assertTrue(p.records().contains("stop web"), p.records().toString());
            tmux.expectVisible("a", "restarting web: done");

            tmux.typeKeys("a", "s");
            awaitRow(tmux, "a", "web", "stopped");
            tmux.typeKeys("a", "s");
            awaitRow(tmux, "a", "web", "running");
            Await.until("web started a third time", DEADLINE,
                    () -> p.records().stream().filter("start web"::equals).count() == 3);

            long matches = p.records().stream().filter(r -> r.startsWith("start ")).count(); // a hello each
            tmux.typeKeys("a", "a");
            // the last start's hello reaches the log file (and the pane) a moment after its record: search once
            // every one is shown, or the search pauses before it and the title says "1 new ↓" instead
            Await.until("every hello in the pane", DEADLINE, () -> tmux.visible("a").lines()
                    .filter(l -> l.contains("| hello from ")).count() == matches);
            tmux.typeKeys("a", "/", "hello", "Enter");
            tmux.expectVisible("a", "── logs: all · paused · /hello ");
            tmux.expectVisible("a", "/hello " + matches + " of " + matches + " ");
            tmux.typeKeys("a", "n");
            tmux.expectVisible("a", "/hello " + (matches - 1) + " of " + matches + " ");
            tmux.typeKeys("a", "N", "N");
            tmux.expectVisible("a", "no newer match for \"hello\"");
            tmux.expectVisible("a", "/hello " + matches + " of " + matches + " ");
            tmux.typeKeys("a", "w", "f");
            tmux.expectVisible("a", "── logs: all · following · wrap · /hello");

            tmux.typeKeys("a", "c");
            tmux.expectVisible("a", "copy mode");
            String copy = tmux.visible("a");
            assertTrue(copy.contains("\nweb | hello from web\n"), "plain lines, prefixes without colour: " + copy);
            assertFalse(copy.contains("──") || copy.contains("NAME  STATUS"), "no table, no borders: " + copy);
            tmux.typeKeys("a", "x");
            tmux.expectVisible("a", "NAME  STATUS");

            tmux.typeKeys("a", "?");
            tmux.expectVisible("a", "envy attach: keys");
            tmux.expectVisible("a", "copy mode: the log as plain text");
            tmux.typeKeys("a", "x");
            tmux.expectGone("a", "envy attach: keys");

            tmux.typeKeys("a", "q");
            tmux.expect("a", "envy: detached from project; its services keep running");
        }
        assertTrue(p.run("services", "status").stdout().lines().filter(l -> l.contains(" running ")).count() == 2,
                "the services keep running after a detach");
    }

    @Test
    void TV_1_severalTerminalsAttachAtOnceAndEachSeesWhatAnotherDid() {
        TestProject p = dbAndWeb(projects);
        p.run("up", "-d").assertExit(0);
        try (Tmux tmux = terminal(p)) {
            run(tmux, "a", p, "attach");
            run(tmux, "b", p, "attach");
            awaitRow(tmux, "a", "web", "running");
            awaitRow(tmux, "b", "web", "running");

            tmux.typeKeys("a", "j", "s");
            awaitRow(tmux, "a", "web", "stopped");
            awaitRow(tmux, "b", "web", "stopped");
        }
    }

    @Test
    void TV_1_aResizeRedrawsAtOnceAndFortyColumnsShowNameAndStatus() {
        TestProject p = dbAndWeb(projects);
        try (Tmux tmux = attached(p)) {

            tmux.resize("a", 40, 15);
            Await.until("the 40-column table", DEADLINE, () -> tmux.visible("a").contains("\n  NAME  STATUS\n"));
            String narrow = tmux.visible("a");
            assertFalse(narrow.contains("PID"), narrow);
            assertEquals("  web   running", row(tmux, "a", "web").stripTrailing());
            assertTrue(narrow.lines().allMatch(l -> l.length() <= 40), narrow);

            tmux.resize("a", 120, 30);
            tmux.expectVisible("a", "CPU%");
        }
    }

    @Test
    void TV_1_upOnATerminalShowsTheViewAndDetachingLeavesTheServicesUpUnderAHold() {
        TestProject p = dbAndWeb(projects);
        try (Tmux tmux = underUp(p)) {
            awaitRow(tmux, "a", "db", "running");
            tmux.expectVisible("a", "envy project · 1 activation");

            tmux.typeKeys("a", "q");
            tmux.expectVisible("a", "Leave envy up? d detach");
            tmux.typeKeys("a", "Escape");
            tmux.expectGone("a", "Leave envy up?");
            tmux.typeKeys("a", "C-c");
            tmux.expectVisible("a", "Leave envy up? d detach");
            tmux.typeKeys("a", "d");
            tmux.expect("a", "envy: detached; the services keep running until `envy down`");
            exitedWith(tmux, "a", 0);
        }
        String status = p.run("services", "status").stdout();
        assertEquals(2, status.lines().filter(l -> l.contains(" running ")).count(), "still up: " + status);
        assertEquals(List.of("start db", "start web"), p.records(), "nothing stopped, nothing started twice");
    }

    @Test
    void TV_1_upOnATerminalStopsEverythingWhenAskedTo() {
        TestProject p = dbAndWeb(projects);
        try (Tmux tmux = underUp(p)) {

            tmux.typeKeys("a", "q", "s");
            tmux.expect("a", "envy: stopping the services…");
            exitedWith(tmux, "a", 0);
        }
        assertEquals(List.of("start db", "start web", "stop web", "stop db"), p.records(), "stopped in reverse order");
    }

    @Test
    void TV_1_aSavedManifestIsShownAsChangedAndRAppliesIt() throws IOException {
        TestProject p = dbAndWeb(projects);
        try (Tmux tmux = attached(p)) {
            Files.writeString(p.dir().resolve("envy.toml"), Files.readString(p.dir().resolve("envy.toml"))
                    + service("extra"));
            tmux.expectVisible("a", "envy.toml changed: R applies it");

            tmux.typeKeys("a", "R");
            awaitRow(tmux, "a", "extra", "running");
            tmux.expectGone("a", "envy.toml changed");
            tmux.expectVisible("a", "extra | hello from extra");
        }
    }

    @Test
    void TV_1_aDaemonThatExitsIsShownAndTheViewSaysHowToStartItAgain() {
        TestProject p = dbAndWeb(projects);
        try (Tmux tmux = underUp(p)) {
            run(tmux, "b", p, "attach");
            awaitRow(tmux, "b", "web", "running");

            p.run("down").assertExit(0);

            // envy up's view ends and says so
            tmux.expect("a", "envy: the environment's daemon has stopped (envy down?); `envy up` starts it again");
            exitedWith(tmux, "a", 0);
            // envy attach's stays, with the last state and how to go on
            tmux.expectVisible("b", "the daemon has exited");
            tmux.expectVisible("b", "the daemon has exited (it shut down) · `envy up -d` starts it again · q leaves");
            awaitRow(tmux, "b", "web", "stopped");
            tmux.typeKeys("b", "q");
            tmux.expect("b", "envy: the daemon of project has exited; `envy up -d` or `envy up` starts it again");
        }
    }

    @Test
    void TV_1_anAttachedViewFollowsTheNextDaemonOnceOneStarts() {
        TestProject p = dbAndWeb(projects);
        try (Tmux tmux = attached(p)) {
            String before = row(tmux, "a", "web");
            p.run("down").assertExit(0);
            tmux.expectVisible("a", "the daemon has exited (it shut down)");
            awaitRow(tmux, "a", "web", "stopped");

            p.run("up", "-d").assertExit(0);

            // the view has found the new daemon by itself: its state, its processes, and keys act on it again
            awaitRow(tmux, "a", "web", "running");
            tmux.expectGone("a", "the daemon has exited");
            long pid = -1;
            for (JsonValue v : Json.parse(p.run("services", "status", "--json").stdout()).asObject().get("services")
                    .asArray()) {
                if (v.asObject().getString("name", "").equals("web")) {
                    pid = v.asObject().getLong("pid", -1);
                }
            }
            long webPid = pid;
            Await.until("web's new pid " + webPid + " in the table (it was: " + before + ")", DEADLINE,
                    () -> row(tmux, "a", "web").matches(".* " + webPid + " .*"));
            tmux.typeKeys("a", "j");
            tmux.typeKeys("a", "s");
            awaitRow(tmux, "a", "web", "stopped");
            tmux.typeKeys("a", "q");
            exitedWith(tmux, "a", 0);
        }
    }

    /** The JVM of the view running in window {@code window}: a descendant of its shell. */
    static long viewJvm(Tmux tmux, String window) {
        long shell = tmux.panePid(window);
        return Await.value("the JVM under the shell of " + window, DEADLINE, () -> ProcessHandle.of(shell)
                .flatMap(h -> h.descendants().filter(d -> d.info().command().map(c -> c.endsWith("/java"))
                        .orElse(false)).map(ProcessHandle::pid).findFirst()));
    }

    static Path procStat(long pid) {
        return Path.of("/proc", Long.toString(pid), "stat");
    }

    /** utime + stime of {@code pid}, in clock ticks (1/100 s). */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(procStat(pid));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + procStat(pid), e);
        }
    }
}

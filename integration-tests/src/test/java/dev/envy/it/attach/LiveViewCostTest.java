package dev.envy.it.attach;

import dev.envy.it.support.Await;
import dev.envy.it.support.Projects;
import dev.envy.it.support.TestProject;
import dev.envy.it.support.Tmux;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static dev.envy.it.attach.LiveViewTest.DEADLINE;
import static dev.envy.it.attach.LiveViewTest.awaitRow;
import static dev.envy.it.attach.LiveViewTest.cpuTicks;
import static dev.envy.it.attach.LiveViewTest.dbAndWeb;
import static dev.envy.it.attach.LiveViewTest.envy;
import static dev.envy.it.attach.LiveViewTest.service;
import static dev.envy.it.attach.LiveViewTest.terminal;
import static dev.envy.it.attach.LiveViewTest.viewJvm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TV-2: the terminal is given back as it was however the view ends, and the view costs next to no CPU. */
class LiveViewCostTest {
    @RegisterExtension
    final Projects projects = new Projects();

    /** The ways out of {@code envy attach}. */
    enum WayOut {
        Q, CTRL_C, SIGINT, SIGTERM, DAEMON_KILLED
    }

    @ParameterizedTest
    @EnumSource(WayOut.class)
    void TV_2_theTerminalIsGivenBackAsItWasHoweverTheViewEnds(WayOut way) throws Exception {
        TestProject p = dbAndWeb(projects);
        p.run("up", "-d").assertExit(0);
        try (Tmux tmux = terminal(p)) {
            tmux.open("a", p.dir(), "bash --norc --noprofile -i", 120, 30);
            tmux.type("a", "S=$(stty -g); " + envy() + " attach; [ \"$(stty -g)\" = \"$S\" ] && echo \"MODES=\"same "
                    + "|| { echo \"MODES=\"changed; stty -a; }");
            awaitRow(tmux, "a", "web", "running");
            assertTrue(tmux.alternateScreen("a") && !tmux.cursorVisible("a"), "full screen, no cursor");
            switch (way) {
                case Q -> tmux.typeKeys("a", "q");
                case CTRL_C -> tmux.typeKeys("a", "C-c");
                case SIGINT -> kill("INT", viewJvm(tmux, "a"));
                case SIGTERM -> kill("TERM", viewJvm(tmux, "a"));
                case DAEMON_KILLED -> {
                    kill("KILL", daemonPid(p));
                    tmux.expectVisible("a", "the daemon has exited");
                    // CS-12/13: its guardian stops what it left; the view shows no service as running meanwhile
                    awaitRow(tmux, "a", "web", "stopped");
                    awaitRow(tmux, "a", "db", "stopped");
                    tmux.typeKeys("a", "q");
                }
            }
            tmux.expect("a", "MODES=same");
            assertFalse(tmux.alternateScreen("a"), "the normal screen is back");
            assertTrue(tmux.cursorVisible("a"), "the cursor is back");
            assertFalse(tmux.screen("a").contains("MODES=changed"), tmux.screen("a"));
        }
    }

    @Test
    void TV_2_upUnderTheViewStopsEverythingOnSigtermAndGivesTheTerminalBack() throws Exception {
        TestProject p = dbAndWeb(projects);
        try (Tmux tmux = terminal(p)) {
            tmux.open("a", p.dir(), "bash --norc --noprofile -i", 120, 30);
            tmux.type("a", "S=$(stty -g); " + envy() + " up; echo \"rc=$?\"; [ \"$(stty -g)\" = \"$S\" ] && echo "
                    + "\"MODES=\"same || { echo \"MODES=\"changed; stty -a; }");
            awaitRow(tmux, "a", "web", "running");
            kill("TERM", viewJvm(tmux, "a"));
            tmux.expect("a", "MODES=same");
            assertTrue(tmux.screen("a").contains("rc=0"), tmux.screen("a"));
            assertFalse(tmux.alternateScreen("a"), "the normal screen is back");
            assertTrue(tmux.cursorVisible("a"), "the cursor is back");
        }
        assertEquals(List.of("start db", "start web", "stop web", "stop db"), p.records(), "stopped in reverse order");
    }

    /**
     * TV-2's figures: with services running and quiet the view is redrawn only by its one-second clock (uptimes, CPU%
     * and RSS); while a service writes 5 lines a second, by new log bytes too. What is measured is the view's steady
     * cost: windows of {@link #WINDOW} follow each other until one is within the bound (the contract's with a margin),
     * at most {@link #WINDOWS} of them, so a burst of the JVM's own work (compiling, collecting) on a machine under load
     * does not decide the result, while a view that costs too much always fails. The figures are printed.
     */
    @Test
    void TV_2_theViewCostsLittleCpuIdleAndWhileAServiceWritesFiveLinesASecond() throws Exception {
        TestProject p = projects.withManifest("version = 1\n\n" + service("db") + service("web", "db")
                + "[services.writer]\ncommand = '''while true; do echo \"line $RANDOM\"; sleep 0.2; done'''\n"
                + "autostart = false\n");
        p.run("up", "-d").assertExit(0);
        try (Tmux tmux = terminal(p)) {
            tmux.open("a", p.dir(), "bash --norc --noprofile -i", 120, 30);
            tmux.type("a", envy() + " attach");
            awaitRow(tmux, "a", "web", "running");
            long jvm = viewJvm(tmux, "a");
            settle();

            List<Double> idle = steadyCpuPercent(jvm, 2.0);
            p.run("services", "start", "writer").assertExit(0);
            tmux.expectVisible("a", "writer | line ");
            settle();
            List<Double> writing = steadyCpuPercent(jvm, 7.5);
            System.out.printf(Locale.ROOT, "TV-2: the view took %s%% of a core idle, %s%% while a service wrote "
                    + "5 lines a second (windows of %ds)%n", idle, writing, WINDOW.toSeconds());

            assertTrue(idle.getLast() < 2.0, "idle: " + idle + "% of a core (TV-2: under 1%)");
            assertTrue(writing.getLast() < 7.5, "5 lines a second: " + writing + "% of a core (TV-2: under 5%)");
        }
    }

    /** One measurement window. */
    private static final Duration WINDOW = Duration.ofSeconds(10);
    /** At most this many windows, one after the other. */
    private static final int WINDOWS = 5;

    /** Lets the view's first seconds (class loading, compiling its code) pass before measuring. */
    private static void settle() throws InterruptedException {
        Thread.sleep(Duration.ofSeconds(10)); // not a synchronisation: the measurement wants a warmed-up JVM
    }

    /** The CPU% of {@code pid} in windows one after the other, until one is under {@code bound}; the last is it. */
    private static List<Double> steadyCpuPercent(long pid, double bound) throws InterruptedException {
        List<Double> windows = new java.util.ArrayList<>();
        do {
            windows.add(Math.round(cpuPercent(pid, WINDOW) * 100) / 100.0);
        } while (windows.getLast() >= bound && windows.size() < WINDOWS);
        return windows;
    }

    /** The CPU time {@code pid} used over {@code window}, in percent of one core. */
    private static double cpuPercent(long pid, Duration window) throws InterruptedException {
        long before = cpuTicks(pid);
        long start = System.nanoTime();
        Thread.sleep(window); // measuring over a time window, not waiting for a condition
        long ticks = cpuTicks(pid) - before;
        double seconds = (System.nanoTime() - start) / 1e9;
        return ticks / seconds; // ticks are 1/100 s: ticks per second = percent of a core
    }

    private static long daemonPid(TestProject p) {
        return Await.value("daemon.json to name the daemon", DEADLINE, () -> {
            try (var dirs = java.nio.file.Files.list(p.runtimeDir())) {
                return dirs.map(d -> d.resolve("daemon.json")).filter(java.nio.file.Files::exists).findFirst()
                        .map(f -> {
                            try {
                                return com.eclipsesource.json.Json.parse(java.nio.file.Files.readString(f)).asObject()
                                        .getLong("pid", -1);
                            } catch (IOException | RuntimeException e) {
                                return -1L;
                            }
                        }).filter(pid -> pid > 0);
            } catch (IOException e) {
                return java.util.Optional.empty();
            }
        });
    }

    private static void kill(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) && kill.exitValue() == 0,
                "kill -" + signal + " " + pid);
    }
}

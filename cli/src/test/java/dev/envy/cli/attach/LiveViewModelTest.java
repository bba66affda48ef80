package dev.envy.cli.attach;

import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.core.protocol.ServiceView;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TV-1: what the live view shows and does, input by input, without a terminal. */
class LiveViewModelTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final long STARTED = NOW.minusSeconds(185).toEpochMilli();

    private static ServiceView running(String name, long pid) {
        return new ServiceView(name, "running", true, pid, STARTED, STARTED, 0, -1, null, null);
    }

    private static ServiceView stopped(String name) {
        return new ServiceView(name, "stopped", false, -1, STARTED, STARTED, 1, -1, "SIGTERM", null);
    }

    private static Response.StatusReport report(ServiceView... services) {
        return new Response.StatusReport(List.of(services), false, 1, false);
    }

    /** An attach view of db, web and worker on a 120×30 terminal. */
    private static LiveViewModel model(boolean up) {
        LiveViewModel m = new LiveViewModel("webapp", up, new Styles(false, true), NOW);
        m.on(new ViewInput.Resized(120, 30));
        m.on(new ViewInput.Status(report(running("db", 101), running("web", 202), stopped("worker"))));
        return m;
    }

    private static List<String> screen(LiveViewModel m) {
        List<String> lines = new ArrayList<>();
        for (AttributedString line : m.render()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static String text(LiveViewModel m) {
        return String.join("\n", screen(m));
    }

    /** The table row of {@code service}, or "" when it is not on screen. */
    private static String row(LiveViewModel m, String service) {
        return screen(m).stream().filter(l -> l.matches("^(▶ |  )" + service + " .*")).findFirst().orElse("")
                .stripTrailing();
    }

    private static List<ViewCommand> type(LiveViewModel m, String keys) {
        List<ViewCommand> commands = new ArrayList<>();
        for (char c : keys.toCharArray()) {
            commands.addAll(m.on(new ViewInput.Typed(c)));
        }
        return commands;
    }

    private static List<PaneLine> lines(String service, int from, int to) {
        List<PaneLine> lines = new ArrayList<>();
        for (int i = from; i < to; i++) {
            lines.add(PaneLine.of(service, "line " + i));
        }
        return lines;
    }

    @Test
    void aWideTerminalShowsEveryColumnWithTheFirstServiceSelected() {
        LiveViewModel m = model(false);
        m.on(new ViewInput.Measured(Map.of("db", new Usage(1.25, 45 * 1024 * 1024, List.of(5432)))));

        List<String> s = screen(m);

        assertEquals(30, s.size(), "exactly the terminal's rows");
        assertTrue(s.get(0).startsWith("envy webapp · 1 activation"), s.get(0));
        assertEquals("  NAME    STATUS   READY  PID  UPTIME  RESTARTS  EXIT     PORTS  CPU%  RSS", s.get(1).stripTrailing());
        assertEquals("▶ db      running  yes    101  3m05s   0         -        5432   1.3   45.0M", s.get(2).stripTrailing());
        assertEquals("  web     running  yes    202  3m05s   0         -        -      -     -", s.get(3).stripTrailing());
        assertEquals("  worker  stopped  -      -    -       1         SIGTERM  -      -     -", s.get(4).stripTrailing());
        assertTrue(s.get(5).startsWith("── logs: all · following ─"), s.get(5));
        assertTrue(s.get(29).contains("r restart") && s.get(29).endsWith("? help  q detach"), s.get(29));
        for (String line : s) {
            assertTrue(line.length() <= 120, "no line is wider than the terminal: " + line);
        }
    }

    @Test
    void fortyColumnsShowNameAndStatusOnly() {
        LiveViewModel m = model(false);
        m.on(new ViewInput.Resized(40, 12));

        List<String> s = screen(m);

        assertEquals("  NAME    STATUS", s.get(1).stripTrailing());
        assertEquals("▶ db      running", s.get(2).stripTrailing());
        assertTrue(s.get(11).endsWith("? help  q detach"), "the key help keeps help and leave: " + s.get(11));
        for (String line : s) {
            assertTrue(line.length() <= 40, line);
        }
    }

    @Test
    void aNarrowHeaderSaysHeldUpWithoutItsHint() {
        LiveViewModel m = new LiveViewModel("webapp", false, new Styles(false, true), NOW);
        m.on(new ViewInput.Status(new Response.StatusReport(List.of(running("db", 101)), false, 0, true)));

        m.on(new ViewInput.Resized(120, 12));
        assertEquals("envy webapp · no activation · held up (envy down stops it)", screen(m).get(0).stripTrailing());
        m.on(new ViewInput.Resized(40, 12));
        assertEquals("envy webapp · no activation · held up", screen(m).get(0).stripTrailing());
    }

    @Test
    void columnsThatDoNotFitAreLeftOutLeastUsefulFirst() {
        LiveViewModel m = model(false);
        m.on(new ViewInput.Resized(60, 20));

        String header = screen(m).get(1);

        assertTrue(header.contains("PID") && header.contains("READY") && header.contains("CPU%"), header);
        assertFalse(header.contains("PORTS") || header.contains("RESTARTS"), header);
    }

    @Test
    void arrowsAndJkMoveTheSelectionWithinTheTable() {
        LiveViewModel m = model(false);

        m.on(new ViewInput.Pressed(Key.DOWN));
        assertEquals("web", m.selected());
        type(m, "jj");
        assertEquals("worker", m.selected(), "stays on the last row");
        type(m, "k");
        m.on(new ViewInput.Pressed(Key.UP));
        assertEquals("db", m.selected());
        assertTrue(screen(m).get(2).startsWith("▶ db"));
    }

    @Test
    void theSelectionSurvivesAStatusChangeAndMovesOnWhenItsServiceIsRemoved() {
        LiveViewModel m = model(false);
        type(m, "j");

        m.on(new ViewInput.Status(report(running("db", 101), running("web", 303))));
        assertEquals("web", m.selected());
        m.on(new ViewInput.Status(report(running("db", 101))));
        assertEquals("db", m.selected());
    }

    @Test
    void manyServicesScrollTheTableToKeepTheSelectionInSight() {
        LiveViewModel m = new LiveViewModel("big", false, new Styles(false, true), NOW);
        m.on(new ViewInput.Resized(100, 14));
        List<ServiceView> many = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            many.add(running("svc" + i, 1000 + i));
        }
        m.on(new ViewInput.Status(new Response.StatusReport(many, false, 0, true)));

        for (int i = 0; i < 20; i++) {
            m.on(new ViewInput.Pressed(Key.DOWN));
        }

        String text = text(m);
        assertTrue(text.contains("▶ svc20"), text);
        assertTrue(screen(m).get(0).contains("held up"), "the hold is shown");
    }

    @Test
    void enterShowsTheSelectedServicesLogAndAShowsThemAll() {
        LiveViewModel m = model(false);
        type(m, "j");

        assertEquals(List.of(new ViewCommand.ShowLog("web")), m.on(new ViewInput.Pressed(Key.ENTER)));
        assertEquals(List.of(new ViewCommand.ShowLog("web")), type(m, "l"));
        assertEquals(List.of(new ViewCommand.ShowLog(null)), type(m, "a"));
    }

    @Test
    void rRestartsAndSStartsOrStopsTheSelectedService() {
        LiveViewModel m = model(false);

        ViewCommand restart = type(m, "r").getFirst();
        assertEquals(new Request.Restart(List.of("db"), false, true, 60_000),
                assertInstanceOf(ViewCommand.Send.class, restart).request());
        assertTrue(screen(m).get(29).startsWith("restarting db…"), "what is under way is said");

        ViewCommand stop = type(m, "s").getFirst();
        assertEquals(new Request.Stop(List.of("db"), true), ((ViewCommand.Send) stop).request());

        type(m, "jj");
        ViewCommand start = type(m, "s").getFirst();
        assertEquals(new Request.Start(List.of("worker"), true, 60_000), ((ViewCommand.Send) start).request());

        ViewCommand reload = type(m, "R").getFirst();
        assertEquals(new Request.Reload(), ((ViewCommand.Send) reload).request());

        m.on(new ViewInput.Outcome("worker: failed with exit code 3", true));
        assertEquals("worker: failed with exit code 3", screen(m).get(29).strip());
        type(m, "j");
        assertTrue(screen(m).get(29).contains("? help"), "a key brings the key help back");
    }

    @Test
    void thePaneFollowsNewLinesUntilScrolledUpThenCountsWhatCameBelow() {
        LiveViewModel m = model(false);
        m.on(new ViewInput.LogSwitched(null, lines("web", 0, 100)));

        List<String> s = screen(m);
        assertEquals("web    | line 99", s.get(28).stripTrailing(), "the newest line is at the bottom");
        assertEquals("db     | x", prefixOf(m), "prefixes are padded to the longest service name");

        m.on(new ViewInput.Pressed(Key.PAGE_UP));
        m.on(new ViewInput.LogLines(lines("web", 100, 105)));
        s = screen(m);
        assertTrue(s.get(5).contains("paused · 5 new ↓"), s.get(5));
        assertFalse(String.join("\n", s).contains("line 104"), "the window stayed put");

        type(m, "f");
        s = screen(m);
        assertEquals("web    | line 104", s.get(28).stripTrailing());
        assertTrue(s.get(5).contains("following"), s.get(5));
    }

    private static String prefixOf(LiveViewModel m) {
        m.on(new ViewInput.LogLines(List.of(PaneLine.of("db", "x"))));
        return screen(m).get(28).stripTrailing();
    }

    @Test
    void searchFindsTheNewestMatchFirstThenNGoesOlderAndCapitalNNewer() {
        LiveViewModel m = model(false);
        List<PaneLine> log = new ArrayList<>(lines("web", 0, 200));
        log.set(20, PaneLine.of("web", "ERROR one"));
        log.set(120, PaneLine.of("web", "error two"));
        m.on(new ViewInput.LogSwitched(null, log));

        type(m, "/err");
        assertEquals("/err", screen(m).get(29).substring(0, 4), "the query is typed on the last line");
        m.on(new ViewInput.Pressed(Key.ENTER));
        String text = text(m);
        assertTrue(text.contains("error two") && !text.contains("ERROR one"), text);
        assertTrue(screen(m).get(5).contains("/err 2 of 2"), screen(m).get(5));

        type(m, "n");
        assertTrue(text(m).contains("ERROR one"), "n goes to the older match");
        assertTrue(screen(m).get(5).contains("/err 1 of 2"));
        type(m, "n");
        assertTrue(screen(m).get(29).contains("no older match"), screen(m).get(29));
        type(m, "N");
        assertTrue(text(m).contains("error two"));

        type(m, "/ERR");
        m.on(new ViewInput.Pressed(Key.ENTER));
        assertTrue(text(m).contains("ERROR one"), "a capital letter makes case count");

        m.on(new ViewInput.Pressed(Key.ESCAPE));
        assertFalse(screen(m).get(5).contains("/ERR"), "Esc forgets the search");
    }

    @Test
    void wrapShowsALongLineWholeOnSeveralRowsAndCutLinesScrollSideways() {
        LiveViewModel m = model(false);
        m.on(new ViewInput.Resized(60, 20));
        m.on(new ViewInput.LogSwitched("web", List.of(PaneLine.of("web", "a".repeat(100) + "END"))));

        assertFalse(text(m).contains("END"), "cut at the edge");
        m.on(new ViewInput.Pressed(Key.RIGHT));
        m.on(new ViewInput.Pressed(Key.RIGHT));
        assertTrue(text(m).contains("END"), "scrolled sideways");

        type(m, "w");
        List<String> s = screen(m);
        assertTrue(s.get(6).startsWith("aaaa") && s.get(6).length() == 60, s.get(6));
        assertTrue(String.join("\n", s).contains("END"), "wrapped onto the next rows");
        assertTrue(s.get(5).contains("· wrap"), s.get(5));

        type(m, "a");
        m.on(new ViewInput.LogSwitched(null, List.of(PaneLine.of("web", "b".repeat(70) + "END"))));
        s = screen(m);
        int at = s.indexOf("web    | " + "b".repeat(51));
        assertTrue(at > 0, "the prefix, then as much as fits: " + String.join("\n", s));
        assertEquals(" ".repeat(9) + "b".repeat(19) + "END", s.get(at + 1).stripTrailing(),
                "the rest indented under the text");
    }

    @Test
    void copyModePrintsThePlainLogWithoutBordersOrColoursAndAnyKeyComesBack() {
        LiveViewModel m = new LiveViewModel("webapp", false, new Styles(true, true), NOW);
        m.on(new ViewInput.Resized(80, 20));
        m.on(new ViewInput.Status(report(running("db", 1), running("web", 2))));
        m.on(new ViewInput.LogSwitched(null, List.of(PaneLine.of("web", "\u001b[32mGET /\u001b[0m 200"),
                PaneLine.of("db", "ready"))));

        List<ViewCommand> commands = type(m, "c");

        ViewCommand.PrintPlain plain = assertInstanceOf(ViewCommand.PrintPlain.class, commands.getFirst());
        assertEquals(List.of("web | GET / 200", "db  | ready"), plain.lines().subList(0, 2));
        assertEquals(LiveViewModel.Mode.COPY, m.mode());
        assertEquals(List.of(new ViewCommand.Redraw()), type(m, "x"));
        assertEquals(LiveViewModel.Mode.NORMAL, m.mode());
    }

    @Test
    void questionMarkShowsTheHelpPageUntilAnyKey() {
        LiveViewModel m = model(false);

        type(m, "?");
        String text = text(m);
        assertTrue(text.contains("envy attach: keys"), text);
        assertTrue(text.contains("copy mode"), text);
        assertTrue(text.contains("detach: leave the view; the services keep running"), text);

        assertEquals(List.of(), type(m, "q"), "q closes the help, it does not leave");
        assertFalse(text(m).contains("envy attach: keys"));
    }

    @Test
    void inAttachQAndCtrlCDetachAtOnce() {
        assertEquals(List.of(new ViewCommand.Leave(ViewCommand.Ending.DETACH)), type(model(false), "q"));
        assertEquals(List.of(new ViewCommand.Leave(ViewCommand.Ending.DETACH)),
                model(false).on(new ViewInput.Pressed(Key.CTRL_C)));
        assertEquals(List.of(new ViewCommand.Leave(ViewCommand.Ending.DETACH)),
                model(false).on(new ViewInput.Terminated()));
    }

    @Test
    void inUpLeavingAsksWhetherToDetachOrStopEverything() {
        LiveViewModel m = model(true);

        assertEquals(List.of(), type(m, "q"));
        assertTrue(screen(m).get(29).startsWith("Leave envy up? d detach"), screen(m).get(29));
        assertEquals(List.of(), m.on(new ViewInput.Pressed(Key.ESCAPE)), "Esc stays");
        assertEquals(LiveViewModel.Mode.NORMAL, m.mode());

        m.on(new ViewInput.Pressed(Key.CTRL_C));
        assertEquals(List.of(new ViewCommand.Leave(ViewCommand.Ending.DETACH)), type(m, "d"));

        m = model(true);
        type(m, "q");
        assertEquals(List.of(new ViewCommand.Leave(ViewCommand.Ending.STOP_ALL)), type(m, "s"));

        m = model(true);
        m.on(new ViewInput.Pressed(Key.CTRL_C));
        assertEquals(List.of(new ViewCommand.Leave(ViewCommand.Ending.STOP_ALL)),
                m.on(new ViewInput.Pressed(Key.CTRL_C)), "a second Ctrl-C stops everything, as envy up's Ctrl-C does");

        assertEquals(List.of(new ViewCommand.Leave(ViewCommand.Ending.STOP_ALL)),
                model(true).on(new ViewInput.Terminated()), "SIGTERM stops everything");
    }

    @Test
    void aDaemonThatExitsIsShownWithHowToStartItAgain() {
        LiveViewModel m = model(false);

        assertEquals(List.of(), m.on(new ViewInput.DaemonGone("it closed the connection")));

        List<String> s = screen(m);
        assertTrue(s.get(0).endsWith("the daemon has exited"), s.get(0));
        assertTrue(s.get(29).contains("`envy up -d` starts it again"), s.get(29));
        assertEquals(List.of(), type(m, "r"), "nothing is sent to a daemon that is gone");
        assertEquals(List.of(new ViewCommand.Leave(ViewCommand.Ending.DETACH)), type(m, "q"));

        assertEquals(List.of(new ViewCommand.Leave(ViewCommand.Ending.DAEMON_GONE)),
                model(true).on(new ViewInput.DaemonGone("gone")), "envy up leaves and says so");
    }

    @Test
    void aNewDaemonsStateIsFollowedAfterTheOldOneExited() {
        LiveViewModel m = model(false);
        m.on(new ViewInput.Status(report(stopped("db"), stopped("web"), stopped("worker"))));
        m.on(new ViewInput.DaemonGone("it shut down"));
        assertTrue(m.daemonGone());

        m.on(new ViewInput.Status(report(running("db", 301), running("web", 302), stopped("worker"))));

        assertFalse(m.daemonGone(), "a daemon answers again");
        List<String> s = screen(m);
        assertFalse(s.get(0).contains("the daemon has exited"), s.get(0));
        assertTrue(s.get(29).startsWith("the daemon is running again"), s.get(29));
        assertTrue(row(m, "web").matches("  web +running +yes +302 .*"), row(m, "web"));
        assertEquals(1, type(m, "r").size(), "requests go to the new daemon");
    }

    @Test
    void aChangedManifestIsShownInTheHeader() {
        LiveViewModel m = model(false);
        m.on(new ViewInput.Status(new Response.StatusReport(m.services(), true, 2, false)));

        String header = screen(m).getFirst();
        assertTrue(header.startsWith("envy webapp · 2 activations"), header);
        assertTrue(header.endsWith("envy.toml changed: R applies it"), header);
    }

    @Test
    void theSelectedServicesMessageIsInThePaneTitle() {
        LiveViewModel m = new LiveViewModel("webapp", false, new Styles(false, true), NOW);
        m.on(new ViewInput.Resized(100, 20));
        m.on(new ViewInput.Status(report(new ServiceView("web", "blocked", false, -1, STARTED, 0, 0, -1, null,
                "blocked by db"))));

        assertTrue(screen(m).get(3).endsWith(" web: blocked by db ──"), screen(m).get(3));
    }

    @Test
    void RD_1_theSelectedServicesOwnStatusTextIsInThePaneTitleUnlessEnvyHasAReason() {
        LiveViewModel m = new LiveViewModel("webapp", false, new Styles(false, true), NOW);
        m.on(new ViewInput.Resized(100, 20));
        m.on(new ViewInput.Status(report(new ServiceView("queue", "running", true, 7, STARTED, STARTED, 0, -1, null,
                null, "serving 3 queues", Map.of()))));

        assertTrue(screen(m).get(3).endsWith(" queue: serving 3 queues ──"), screen(m).get(3));

        m.on(new ViewInput.Status(report(new ServiceView("queue", "failed", false, -1, STARTED, STARTED, 0, -1,
                "SIGKILL", "watchdog: no WATCHDOG=1 for 2s", "serving 3 queues", Map.of()))));
        assertTrue(screen(m).get(3).endsWith(" queue: watchdog: no WATCHDOG=1 for 2s ──"), screen(m).get(3));
    }

    @Test
    void PT_1_portsShowWhatEnvyAllocatedAndWhatTheTreeListensOn() {
        LiveViewModel m = new LiveViewModel("webapp", false, new Styles(false, true), NOW);
        m.on(new ViewInput.Resized(120, 20));
        m.on(new ViewInput.Status(report(
                new ServiceView("api", "running", true, 7, STARTED, STARTED, 0, -1, null, null, null,
                        Map.of("http", 18081, "admin", 18090)),
                new ServiceView("old", "stopped", false, -1, STARTED, STARTED, 0, -1, "SIGTERM", null, null,
                        Map.of("http", 18000)))));

        assertTrue(row(m, "api").matches(".* 18081,18090 .*"), "allocated, before anything is measured: "
                + row(m, "api"));
        m.on(new ViewInput.Measured(Map.of("api", new Usage(0.5, 1 << 20, List.of(18081, 9229)))));
        assertTrue(row(m, "api").matches(".* 9229,18081,\\+1 .*"), "each port once, in order: " + row(m, "api"));
        assertTrue(row(m, "old").matches("  old +stopped .* - +- +-$"), "no process, no ports: " + row(m, "old"));
    }

    @Test
    void CS_13_aDaemonThatDiedWithServicesRunningShowsWhatItLeftAsOrphanedUntilItHasGone() {
        LiveViewModel m = model(false);
        assertTrue(m.anyAlive());

        m.on(new ViewInput.DaemonGone("it shut down"));
        assertTrue(screen(m).get(29).contains("the daemon has exited (it died) · "), screen(m).get(29));
        m.on(new ViewInput.Orphans(Map.of("web", 202L)));

        assertTrue(row(m, "db").matches("▶ db +stopped +- +- +- .*"), "its process ended: " + row(m, "db"));
        assertTrue(row(m, "web").matches("  web +orphaned +- +202 +- .*"), "left running: " + row(m, "web"));
        assertTrue(row(m, "worker").matches("  worker +stopped .* SIGTERM .*"), "as the daemon left it: "
                + row(m, "worker"));
        type(m, "j");
        assertTrue(screen(m).get(5).endsWith(" web: left running by a daemon that died: `envy down` stops it ──"),
                screen(m).get(5));
        assertTrue(m.anyAlive(), "an orphan is looked at again");
        m.on(new ViewInput.Measured(Map.of("web", new Usage(3.5, 12 << 20, List.of(18080)))));
        assertTrue(row(m, "web").matches("▶ web +orphaned +- +202 +- .* 18080 +3\\.5 +12\\.0M$"),
                "an orphan's CPU, RSS and the port it holds are measured: " + row(m, "web"));
        assertTrue(screen(m).get(29).contains("`envy down` stops the orphans · `envy up -d` starts it again · q leaves"),
                screen(m).get(29));

        m.on(new ViewInput.Orphans(Map.of()));
        assertTrue(row(m, "web").matches("▶ web +stopped +- +- .*"), row(m, "web"));
        assertFalse(m.anyAlive(), "nothing left to look at: no clock runs");
    }

    @Test
    void aDaemonThatShutDownLeavesTheStateItSentAndItsReason() {
        LiveViewModel m = model(false);
        m.on(new ViewInput.Status(report(stopped("db"), stopped("web"), stopped("worker"))));

        m.on(new ViewInput.DaemonGone("it shut down"));
        assertFalse(m.anyAlive(), "nothing to look for: every service was stopped");
        m.on(new ViewInput.Orphans(Map.of()));

        assertTrue(screen(m).get(29).startsWith("the daemon has exited (it shut down)"), screen(m).get(29));
        assertTrue(row(m, "web").matches("  web +stopped .* SIGTERM .*"), "as the daemon left it: " + row(m, "web"));
    }

    @Test
    void aNarrowHeaderGivesWayWithoutCuttingAWord() {
        LiveViewModel m = new LiveViewModel("shop-backend-staging", false, new Styles(false, true), NOW);
        m.on(new ViewInput.Status(new Response.StatusReport(List.of(running("db", 101)), true, 2, true)));

        m.on(new ViewInput.Resized(120, 12));
        assertEquals("envy shop-backend-staging · 2 activations · held up (envy down stops it)"
                + " ".repeat(17) + "envy.toml changed: R applies it", screen(m).get(0));
        m.on(new ViewInput.Resized(60, 12));
        assertEquals("envy shop-backend-staging · held up" + " ".repeat(8) + "envy.toml changed", screen(m).get(0));
        m.on(new ViewInput.Resized(40, 12));
        assertEquals("envy shop-backend-staging · held up", screen(m).get(0).stripTrailing());
        m.on(new ViewInput.Resized(20, 12));
        assertEquals("envy shop-backend-s", screen(m).get(0).substring(0, 19), "a name too long is cut at the edge");
    }

    @Test
    void theHelpPageListsEveryKey() {
        LiveViewModel m = model(false);
        type(m, "?");

        String help = text(m);
        for (String keys : List.of("↑↓  k j", "⏎  l", "a", "r", "s", "R", "/", "n  N", "f", "w", "PgUp PgDn", "c",
                "?", "Ctrl-L", "q  Ctrl-C")) {
            assertTrue(help.lines().anyMatch(l -> l.startsWith("  " + keys + "   ")), keys + " is on the help page: "
                    + help);
        }
    }

    @Test
    void aShortTerminalKeepsTheTableAndTheKeysAndDropsThePane() {
        LiveViewModel m = model(false);
        m.on(new ViewInput.Resized(80, 5));
        m.on(new ViewInput.LogSwitched(null, lines("web", 0, 10)));

        List<String> s = screen(m);
        assertEquals(5, s.size());
        assertFalse(String.join("\n", s).contains("line 9"), String.join("\n", s));
        assertTrue(s.get(4).contains("? help"));
    }

    @Test
    void beforeTheFirstStatusTheViewSaysItIsConnecting() {
        LiveViewModel m = new LiveViewModel("webapp", false, new Styles(false, true), NOW);
        m.on(new ViewInput.Resized(80, 10));

        assertTrue(text(m).contains("connecting to the daemon…"), text(m));
    }

    @Test
    void theUptimeFollowsTheClock() {
        LiveViewModel m = model(false);
        m.on(new ViewInput.Clock(NOW.plusSeconds(60)));

        assertTrue(screen(m).get(2).contains("4m05s"), screen(m).get(2));
    }

    @Test
    void serviceOutputCannotMoveTheCursorOrClearTheScreen() {
        PaneLine line = PaneLine.of("web", "a\u001b[2J\u001b[Hb\rc\u0007\u001b]0;title\u0007d\u001b[31me\u001b[0m\tf");

        assertEquals("abcd\u001b[31me\u001b[0m   f", line.text(), "colours kept, tab to column 8");
        assertEquals("abcde   f", line.plain());
    }
}

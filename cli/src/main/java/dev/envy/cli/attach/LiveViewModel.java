package dev.envy.cli.attach;

import dev.envy.cli.commands.StatusTable;
import dev.envy.cli.commands.WaitOptions;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.core.protocol.ServiceView;
import org.jline.utils.AttributedString;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * TV-1: the live view's state and what each input does to it. Pure and single-threaded: an input comes in
 * ({@link #on}), the state changes, commands for the world go out; {@link #render} says what is on screen. Keys
 * mean different things in different modes: the table and log pane ({@link Mode#NORMAL}), typing a search, the help
 * page, copy mode, and (in {@code envy up}) the question how to leave.
 */
public final class LiveViewModel {

    public enum Mode { NORMAL, SEARCH, HELP, COPY, LEAVING }

    /** CS-13's status of a service whose daemon died and left its process group running. */
    static final String ORPHANED = "orphaned";

    final String environment;
    final boolean up;
    final Styles styles;
    int columns = 80;
    int rows = 24;
    Instant now;
    List<ServiceView> services = List.of();
    /** Every service name seen, in manifest order: a service keeps its colour. */
    final List<String> names = new ArrayList<>();
    Map<String, Usage> usage = Map.of();
    boolean connected;
    int activations;
    boolean hold;
    boolean stale;
    String gone;
    String selected;
    final LogPane pane = new LogPane();
    Mode mode = Mode.NORMAL;
    final StringBuilder typed = new StringBuilder();
    String message;
    boolean messageIsError;

    /**
     * @param environment the environment's name (its directory's)
     * @param up          the view of {@code envy up}: leaving asks whether to detach or stop everything
     */
    public LiveViewModel(String environment, boolean up, Styles styles, Instant now) {
        this.environment = environment;
        this.up = up;
        this.styles = styles;
        this.now = now;
    }

    public Mode mode() {
        return mode;
    }

    /** The service whose row is selected, or null when there is none. */
    public String selected() {
        return selected;
    }

    /** The log the pane shows: a service's, or null for all. */
    public String logSource() {
        return pane.service();
    }

    /**
     * Whether a service has a live process, so its uptime moves and its CPU% and RSS are worth measuring; after the
     * daemon has gone, whether one it left running is still there.
     */
    public boolean anyAlive() {
        return services.stream().anyMatch(LiveViewModel::hasProcess);
    }

    /** Whether {@code s} has a live process to measure: one the daemon runs, or one a daemon that died left running. */
    static boolean hasProcess(ServiceView s) {
        return StatusTable.alive(s) || ORPHANED.equals(s.status()) && s.pid() > 0;
    }

    /** Whether the daemon has gone (its status stream ended). */
    public boolean daemonGone() {
        return gone != null;
    }

    public List<ServiceView> services() {
        return services;
    }

    /** Applies one input; returns what the world should do about it, in order. */
    public List<ViewCommand> on(ViewInput input) {
        return switch (input) {
            case ViewInput.Pressed p -> keyed(p.key(), (char) 0);
            case ViewInput.Typed t -> keyed(null, t.character());
            case ViewInput.Resized r -> {
                columns = Math.max(1, r.columns());
                rows = Math.max(1, r.rows());
                yield List.of();
            }
            case ViewInput.Status s -> {
                status(s.report());
                yield List.of();
            }
            case ViewInput.Clock c -> {
                now = c.now();
                yield List.of();
            }
            case ViewInput.Measured m -> {
                usage = Map.copyOf(m.usage());
                yield List.of();
            }
            case ViewInput.LogLines l -> {
                pane.add(l.lines());
                yield List.of();
            }
            case ViewInput.LogSwitched l -> {
                pane.switchTo(l.service(), l.lines());
                yield List.of();
            }
            case ViewInput.Outcome o -> {
                say(o.text(), o.failed());
                yield List.of();
            }
            case ViewInput.DaemonGone g -> {
                // a daemon that shuts down stops its services first; one that still had some running was killed
                gone = anyAlive() ? "it died" : g.why();
                if (up) {
                    yield List.of(new ViewCommand.Leave(ViewCommand.Ending.DAEMON_GONE));
                }
                if (mode == Mode.LEAVING || mode == Mode.SEARCH) {
                    mode = Mode.NORMAL;
                }
                yield List.of();
            }
            case ViewInput.Orphans o -> {
                orphans(o.pids());
                yield List.of();
            }
            case ViewInput.Terminated t -> List.of(new ViewCommand.Leave(up && gone == null
                    ? ViewCommand.Ending.STOP_ALL : ViewCommand.Ending.DETACH));
        };
    }

    private void status(Response.StatusReport report) {
        connected = true;
        if (gone != null) { // a daemon answers again (envy attach follows the next one)
            gone = null;
            say("the daemon is running again", false);
        }
        services = report.services();
        for (ServiceView s : services) {
            if (!names.contains(s.name())) {
                names.add(s.name());
            }
        }
        activations = report.activations();
        hold = report.hold();
        stale = report.manifestStale();
        if (services.isEmpty()) {
            selected = null;
        } else if (selected == null || index(selected) < 0) {
            selected = services.getFirst().name();
        }
    }

    /**
     * CS-13 after the daemon has gone: a service whose process group it left running is {@code orphaned} with that
     * PID; one the last state showed alive (or orphaned) whose group has ended since is no longer shown as alive. The
     * services the daemon had stopped keep their last state. Status is never a lie.
     */
    private void orphans(Map<String, Long> pids) {
        if (gone == null) {
            return; // a daemon runs: its state is the truth
        }
        List<ServiceView> now = new ArrayList<>(services.size());
        for (ServiceView s : services) {
            boolean wasAlive = StatusTable.alive(s) || ORPHANED.equals(s.status());
            Long pid = pids.get(s.name());
            if (pid != null) {
                now.add(new ServiceView(s.name(), ORPHANED, false, pid, s.sinceMillis(), s.startedMillis(),
                        s.restarts(), -1, null, "left running by a daemon that died: `envy down` stops it"));
            } else if (wasAlive) {
                now.add(new ServiceView(s.name(), "stopped", false, -1, s.sinceMillis(), s.startedMillis(),
                        s.restarts(), -1, null, "its process has ended since the daemon died"));
            } else {
                now.add(s);
            }
        }
        services = List.copyOf(now);
    }

    private int index(String name) {
        for (int i = 0; i < services.size(); i++) {
            if (services.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** A key: {@code key} when it is a special one, else the character {@code c}. */
    private List<ViewCommand> keyed(Key key, char c) {
        return switch (mode) {
            case NORMAL -> normal(key, c);
            case SEARCH -> searching(key, c);
            case HELP -> {
                mode = Mode.NORMAL;
                yield List.of();
            }
            case COPY -> {
                mode = Mode.NORMAL;
                yield List.of(new ViewCommand.Redraw());
            }
            case LEAVING -> leaving(key, c);
        };
    }

    private List<ViewCommand> normal(Key key, char c) {
        message = null;
        if (key != null) {
            return switch (key) {
                case UP -> move(-1);
                case DOWN -> move(1);
                case ENTER -> showSelectedLog();
                case PAGE_UP -> scroll(() -> pane.up(Math.max(1, paneHeight() - 1), paneHeight()));
                case PAGE_DOWN -> scroll(() -> pane.down(Math.max(1, paneHeight() - 1)));
                case HOME -> scroll(() -> pane.oldest(paneHeight()));
                case END -> scroll(pane::newest);
                case LEFT -> scroll(() -> pane.left(Math.max(1, columns / 2)));
                case RIGHT -> scroll(() -> pane.right(Math.max(1, columns / 2)));
                case ESCAPE -> scroll(pane::clearSearch);
                case CTRL_C -> leave();
                case CTRL_L -> List.of(new ViewCommand.Redraw());
                case BACKSPACE -> List.of();
            };
        }
        return switch (c) {
            case 'k' -> move(-1);
            case 'j' -> move(1);
            case 'l' -> showSelectedLog();
            case 'a' -> List.of(new ViewCommand.ShowLog(null));
            case 'r' -> request(selected == null ? null
                    : new Request.Restart(List.of(selected), false, true, WaitOptions.DEFAULT_TIMEOUT.toMillis()),
                    "restarting " + selected);
            case 's' -> startOrStop();
            case 'R' -> request(new Request.Reload(), "reloading envy.toml");
            case '/' -> {
                mode = Mode.SEARCH;
                typed.setLength(0);
                yield List.of();
            }
            case 'n' -> findNext(true);
            case 'N' -> findNext(false);
            case 'f' -> scroll(pane::toggleFollow);
            case 'w' -> scroll(pane::toggleWrap);
            case 'g' -> scroll(() -> pane.oldest(paneHeight()));
            case 'G' -> scroll(pane::newest);
            case 'c' -> {
                mode = Mode.COPY;
                yield List.of(new ViewCommand.PrintPlain(copyLines()));
            }
            case '?' -> {
                mode = Mode.HELP;
                yield List.of();
            }
            case 'q' -> leave();
            default -> List.of();
        };
    }

    private List<ViewCommand> move(int by) {
        int at = selected == null ? -1 : index(selected);
        if (at >= 0) {
            selected = services.get(Math.clamp(at + by, 0, services.size() - 1)).name();
        }
        return List.of();
    }

    private List<ViewCommand> showSelectedLog() {
        return selected == null ? List.of() : List.of(new ViewCommand.ShowLog(selected));
    }

    private static List<ViewCommand> scroll(Runnable action) {
        action.run();
        return List.of();
    }

    private List<ViewCommand> startOrStop() {
        int at = selected == null ? -1 : index(selected);
        if (at < 0) {
            return List.of();
        }
        return switch (services.get(at).status()) {
            case "waiting", "starting", "running", "unhealthy", "backoff" ->
                    request(new Request.Stop(List.of(selected), true), "stopping " + selected);
            default -> request(new Request.Start(List.of(selected), true, WaitOptions.DEFAULT_TIMEOUT.toMillis()),
                    "starting " + selected);
        };
    }

    private List<ViewCommand> request(Request request, String doing) {
        if (request == null) {
            return List.of();
        }
        if (gone != null) {
            say("the daemon has exited: nothing to ask it", true);
            return List.of();
        }
        say(doing + "…", false);
        return List.of(new ViewCommand.Send(request, doing));
    }

    private List<ViewCommand> findNext(boolean older) {
        if (pane.query() == null) {
            say("no search yet: / searches the log", false);
        } else if (!(older ? pane.older(paneHeight()) : pane.newer(paneHeight()))) {
            say("no " + (older ? "older" : "newer") + " match for \"" + pane.query() + "\"", false);
        }
        return List.of();
    }

    private List<ViewCommand> leave() {
        if (!up || gone != null) {
            return List.of(new ViewCommand.Leave(ViewCommand.Ending.DETACH));
        }
        mode = Mode.LEAVING;
        return List.of();
    }

    private List<ViewCommand> searching(Key key, char c) {
        if (key == null) {
            typed.append(c);
            return List.of();
        }
        switch (key) {
            case ENTER -> {
                mode = Mode.NORMAL;
                if (!typed.isEmpty() && !pane.search(typed.toString(), paneHeight())) {
                    say("no match for \"" + typed + "\"", false);
                }
            }
            case BACKSPACE -> {
                if (typed.isEmpty()) {
                    mode = Mode.NORMAL;
                } else {
                    typed.setLength(typed.length() - 1);
                }
            }
            case ESCAPE, CTRL_C -> mode = Mode.NORMAL;
            default -> { }
        }
        return List.of();
    }

    private List<ViewCommand> leaving(Key key, char c) {
        if (key == Key.CTRL_C || c == 's') {
            return List.of(new ViewCommand.Leave(ViewCommand.Ending.STOP_ALL));
        }
        if (c == 'd') {
            return List.of(new ViewCommand.Leave(ViewCommand.Ending.DETACH));
        }
        mode = Mode.NORMAL;
        return List.of();
    }

    private void say(String text, boolean error) {
        message = text;
        messageIsError = error;
    }

    /** Copy mode's text: the pane's lines, plain, then how to get back. */
    private List<String> copyLines() {
        List<String> lines = new ArrayList<>(pane.plainLines(pane.service() == null, prefixWidth()));
        lines.add("");
        lines.add("(envy: copy mode: the log above is plain text for your terminal to select; any key goes back)");
        return lines;
    }

    int prefixWidth() {
        return names.stream().mapToInt(String::length).max().orElse(0);
    }

    /** Rows of the log pane, as laid out now. */
    int paneHeight() {
        return Frame.layout(this).paneRows();
    }

    /** What the screen shows now: exactly {@code rows} lines of at most {@code columns} columns. */
    public List<AttributedString> render() {
        return Frame.render(this);
    }
}

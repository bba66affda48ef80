package dev.envy.cli.attach;

import dev.envy.cli.logs.LogEntry;
import dev.envy.cli.logs.LogFeed;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.core.protocol.ServiceView;
import org.jline.terminal.Size;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * TV-1/TV-2: runs the live view on a terminal. One thread owns the {@link LiveViewModel} and draws it; every source
 * of change hands its news to that thread through one queue: keys (jline), the daemon's status stream, inotify on the
 * log files and on envy.toml, SIGWINCH, SIGINT/SIGTERM, and the answers to requests. Nothing is redrawn on a timer:
 * a frame is drawn after news arrived (at most one per {@link #FRAME}, however fast the news), and jline's
 * {@code Display} writes only what changed. The one clock is for what changes with time itself — uptimes, and CPU% and RSS, which are
 * rates and amounts measured from {@code /proc} — once per {@link #TICK}, and only while a service has a live process.
 * The terminal is restored whichever way the view ends.
 *
 * <p>When the daemon has exited under {@code envy attach}'s view, the view follows the next one: a daemon writes
 * {@code listening on …} to daemon.log once its socket accepts, so every write to daemon.log while none is connected
 * is a cue to try again (one attempt at a time; a write during an attempt earns one more). No timer polls for it.
 */
public final class LiveView {
    /** The shortest time between two frames: a flood of log lines costs at most 25 frames a second. */
    static final Duration FRAME = Duration.ofMillis(40);
    /** How often uptimes, CPU% and RSS are brought up to date while services run. */
    static final Duration TICK = Duration.ofSeconds(1);
    /** How many of a service's last lines the pane starts with; all services' share twice as many. */
    static final int TAIL_LINES = 1_000;

    private final LiveViewModel model;
    private final TerminalScreen screen;
    private final DaemonPort daemon;
    private final Path logsDir;
    private final Path manifest;
    private final InstantSource clock;
    private final UsageSampler sampler = UsageSampler.system();
    private final BlockingQueue<Runnable> work = new LinkedBlockingQueue<>();
    private final AtomicBoolean logsPending = new AtomicBoolean();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private LogFeed feed;
    private List<String> fed = List.of();
    private ViewCommand.Ending ending;
    private boolean dirty = true;
    private boolean plain;
    private long lastDraw;
    private long nextTick;
    private volatile Thread watcher;
    /** While the daemon is gone: an attempt to follow a new one is under way, and whether to try once more after it. */
    private boolean following;
    private boolean followAgain;

    LiveView(LiveViewModel model, TerminalScreen screen, DaemonPort daemon, Path logsDir, Path manifest,
             InstantSource clock) {
        this.model = model;
        this.screen = screen;
        this.daemon = daemon;
        this.logsDir = logsDir;
        this.manifest = manifest;
        this.clock = clock;
    }

    /** Ctrl-C from outside (SIGINT): as the key. Any thread. */
    public void interrupt() {
        post(() -> apply(new ViewInput.Pressed(Key.CTRL_C)));
    }

    /** SIGTERM: leave at once. Any thread. */
    public void terminate() {
        post(() -> apply(new ViewInput.Terminated()));
    }

    /**
     * Sends {@code request} as the view starts ({@code envy up}'s start); its answer is shown and also handed to
     * {@code answered} (on the view's thread), or the failure to reach the daemon as an exception.
     */
    public void sendFirst(Request request, String doing, Consumer<Response> answered, Consumer<RuntimeException> failed) {
        post(() -> {
            apply(new ViewInput.Outcome(doing + "…", false)); // until the answer comes, or a key is pressed
            send(request, doing, answered, failed);
        });
    }

    /** How the view was left, and whether the daemon had exited by then. */
    public record Left(ViewCommand.Ending ending, boolean daemonGone) {}

    /**
     * Shows the live view of {@code project}'s daemon on this process's terminal until it is left.
     *
     * @param up       the view of {@code envy up}: leaving asks whether to detach or stop everything
     * @param colour   whether colours are wanted (not with {@code NO_COLOR}); used if the terminal has them
     * @param starting called with the view before it is shown (to send a first request)
     */
    public static Left show(dev.envy.cli.Project project, DaemonPort daemon, boolean up, InstantSource clock,
                            boolean colour, Consumer<LiveView> starting) throws IOException, InterruptedException {
        try (TerminalScreen screen = TerminalScreen.open()) {
            LiveViewModel model = new LiveViewModel(project.dir().getFileName().toString(), up,
                    new Styles(colour && screen.colours(), screen.unicode()), clock.instant());
            LiveView view = new LiveView(model, screen, daemon,
                    dev.envy.core.runtime.ProjectPaths.of(project.dir()).logsDir(), project.manifest(), clock);
            starting.accept(view);
            try (ViewSignals signals = ViewSignals.install(view)) {
                ViewCommand.Ending ending = view.run();
                return new Left(ending, model.gone != null);
            }
        }
    }

    /** Shows the view until it is left; returns how. The terminal is given back in every case. */
    ViewCommand.Ending run() throws IOException, InterruptedException {
        screen.enter();
        try {
            screen.onResize(() -> post(this::resized));
            resized();
            screen.readKeys(key -> post(() -> apply(key)));
            watcher = Thread.ofVirtual().name("envy-status").start(() -> watchStatus(true));
            Files.createDirectories(logsDir);
            resources.add(FileWatch.start(logsDir, name -> true, written -> {
                boolean daemonLog = written.isEmpty() || written.stream().anyMatch(LiveView::isDaemonLog);
                boolean serviceLog = written.isEmpty() || !written.stream().allMatch(LiveView::isDaemonLog);
                if (serviceLog && !logsPending.getAndSet(true)) {
                    post(this::pumpLogs);
                }
                if (daemonLog) {
                    post(this::daemonLogWritten);
                }
            }));
            String manifestName = manifest.getFileName().toString();
            resources.add(FileWatch.start(manifest.getParent(), manifestName::equals,
                    () -> Thread.ofVirtual().start(this::refreshStatus)));
            loop();
            return ending;
        } finally {
            Thread w = watcher;
            if (w != null) {
                w.interrupt(); // closes the status connection
            }
            for (AutoCloseable r : resources) {
                closeQuietly(r);
            }
            if (feed != null) {
                closeQuietly(feed);
            }
            screen.restore();
        }
    }

    private void loop() throws InterruptedException {
        while (ending == null) {
            Runnable next;
            if (nextTick == 0) {
                next = work.take();
            } else {
                next = work.poll(Math.max(0, nextTick - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            if (next == null) {
                tick();
            } else {
                next.run();
            }
            while (ending == null && (next = work.poll()) != null) {
                next.run();
            }
            if (ending == null && dirty) {
                pace();
                draw();
            }
        }
    }

    /** Waits out the rest of the current frame's time, taking in news meanwhile. */
    private void pace() throws InterruptedException {
        long due = lastDraw + FRAME.toNanos();
        long wait;
        while (ending == null && (wait = due - System.nanoTime()) > 0) {
            Runnable next = work.poll(wait, TimeUnit.NANOSECONDS);
            if (next != null) {
                next.run();
            }
        }
    }

    private void draw() {
        if (ending != null || plain) {
            return;
        }
        screen.draw(model.render());
        dirty = false;
        lastDraw = System.nanoTime();
    }

    private void post(Runnable news) {
        work.add(news);
    }

    private void apply(ViewInput input) {
        for (ViewCommand command : model.on(input)) {
            execute(command);
        }
        dirty = true;
        if (input instanceof ViewInput.Status) {
            logsFollowTheServices();
        }
        scheduleTick();
    }

    private void execute(ViewCommand command) {
        switch (command) {
            case ViewCommand.Send s -> send(s.request(), s.doing(), answer -> { }, failure -> { });
            case ViewCommand.ShowLog l -> showLog(l.service());
            case ViewCommand.PrintPlain p -> {
                plain = true;
                screen.printPlain(p.lines());
            }
            case ViewCommand.Redraw r -> {
                if (plain) {
                    plain = false;
                    screen.backFromPlain();
                } else {
                    screen.redrawWhole();
                }
            }
            case ViewCommand.Leave l -> ending = l.ending();
        }
    }

    private void send(Request request, String doing, Consumer<Response> answered, Consumer<RuntimeException> failed) {
        Thread.ofVirtual().name("envy-request").start(() -> {
            try {
                Response answer = daemon.send(request);
                post(() -> {
                    apply(Outcomes.of(doing, answer));
                    answered.accept(answer);
                });
            } catch (RuntimeException e) {
                post(() -> {
                    apply(new ViewInput.Outcome(doing + ": " + e.getMessage(), true));
                    failed.accept(e);
                });
            }
        });
    }

    /**
     * Follows the daemon's status stream until it ends. The first stream's end is news (the daemon has gone); a later
     * attempt, made while none is connected, is news only if a daemon answered it: else it just ends.
     */
    private void watchStatus(boolean first) {
        AtomicBoolean heard = new AtomicBoolean();
        String why;
        try {
            why = daemon.watch(report -> {
                heard.set(true);
                post(() -> {
                    apply(new ViewInput.Clock(clock.instant()));
                    apply(new ViewInput.Status(report));
                });
            });
        } catch (RuntimeException e) {
            why = e.getMessage();
        }
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        String reason = why;
        boolean answered = heard.get();
        post(() -> {
            following = false;
            if (first || answered) {
                apply(new ViewInput.DaemonGone(reason));
                lookForOrphans();
            } else if (followAgain) {
                daemonLogWritten();
            }
        });
    }

    /** daemon.log was written: while no daemon is connected, perhaps a new one now listens. */
    private void daemonLogWritten() {
        if (!model.daemonGone() || ending != null) {
            return;
        }
        if (following) {
            followAgain = true;
            return;
        }
        following = true;
        followAgain = false;
        watcher = Thread.ofVirtual().name("envy-status").start(() -> watchStatus(false));
    }

    private static boolean isDaemonLog(String name) {
        return name.startsWith("daemon.log");
    }

    /** envy.toml was saved: the daemon says whether it now differs from what it applied. */
    private void refreshStatus() {
        try {
            if (daemon.send(new Request.Status(List.of())) instanceof Response.StatusReport report) {
                post(() -> apply(new ViewInput.Status(report)));
            }
        } catch (RuntimeException gone) {
            // the status stream reports a daemon that went away
        }
    }

    private void resized() {
        screen.redrawWhole();
        Size size = screen.size();
        apply(new ViewInput.Resized(size.getColumns(), size.getRows()));
    }

    /** When the pane shows every service and the set of services changed (a reload), it follows the new set. */
    private void logsFollowTheServices() {
        List<String> names = model.services().stream().map(ServiceView::name).toList();
        if (model.logSource() == null && !names.equals(fed)) {
            showLog(null);
        }
    }

    private void showLog(String service) {
        List<String> services = service == null ? model.services().stream().map(ServiceView::name).toList()
                : List.of(service);
        try {
            if (feed != null) {
                feed.close();
            }
            int lines = services.size() <= 1 ? TAIL_LINES : Math.max(100, 2 * TAIL_LINES / services.size());
            feed = LogFeed.open(logsDir, services, lines);
            fed = service == null ? services : fed;
            apply(new ViewInput.LogSwitched(service, lines(feed.tail())));
        } catch (IOException e) {
            feed = null;
            apply(new ViewInput.Outcome("cannot read the logs in " + logsDir + ": " + e.getMessage(), true));
        }
    }

    private void pumpLogs() {
        logsPending.set(false);
        if (feed == null) {
            return;
        }
        try {
            List<LogEntry> fresh = feed.poll();
            if (!fresh.isEmpty()) {
                apply(new ViewInput.LogLines(lines(fresh)));
            }
        } catch (IOException e) {
            apply(new ViewInput.Outcome("cannot read the logs: " + e.getMessage(), true));
        }
    }

    private static List<PaneLine> lines(List<LogEntry> entries) {
        List<PaneLine> lines = new ArrayList<>(entries.size());
        for (LogEntry e : entries) {
            lines.add(PaneLine.of(e));
        }
        return lines;
    }

    private void scheduleTick() {
        if (!model.anyAlive()) {
            nextTick = 0;
        } else if (nextTick == 0) {
            nextTick = System.nanoTime() + TICK.toNanos();
        }
    }

    /**
     * Time passed: uptimes move on, and the running services' trees are measured; once the daemon has gone, what it
     * left running is looked at again, until nothing is left.
     */
    private void tick() {
        nextTick = 0;
        if (model.daemonGone()) {
            lookForOrphans(); // and what is still there is measured as before: an orphan's CPU, RSS and ports matter
        }
        apply(new ViewInput.Measured(sampler.sample(model.services(), System.nanoTime())));
        apply(new ViewInput.Clock(clock.instant()));
    }

    /** CS-13: the services a daemon that died left running (its guardian normally stops them within a second). */
    private void lookForOrphans() {
        if (!model.anyAlive()) {
            return;
        }
        Map<String, Long> left;
        try {
            left = daemon.orphans();
        } catch (RuntimeException unreadable) {
            left = Map.of();
        }
        apply(new ViewInput.Orphans(left));
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing on the way out
        }
    }
}

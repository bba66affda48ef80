package dev.envy.host.client;

import com.eclipsesource.json.Json;
import dev.envy.core.protocol.Codec;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.core.runtime.ProjectPaths;
import dev.envy.core.runtime.RuntimePaths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DaemonLauncherTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private Path project;
    private RuntimePaths paths;
    private ProjectPaths projectPaths;

    @BeforeEach
    void setUp() throws IOException {
        project = Files.createDirectory(tmp.resolve("shop"));
        paths = RuntimePaths.in(tmp.resolve("run").resolve("shop-0123456789"));
        projectPaths = ProjectPaths.of(project);
    }

    @AfterEach
    void stopFakeDaemons() throws IOException {
        for (long pid : startedPids()) {
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroyForcibly();
                p.onExit().orTimeout(10, TimeUnit.SECONDS).join();
            });
        }
    }

    static String testClasspath() {
        return Stream.of(FakeDaemon.class, DaemonClient.class, Codec.class, Json.class)
                .map(c -> c.getProtectionDomain().getCodeSource().getLocation().getPath())
                .distinct().reduce((a, b) -> a + File.pathSeparator + b).orElseThrow();
    }

    private DaemonLauncher launcher(String mode) {
        return new DaemonLauncher(jvm(mode));
    }

    private DaemonJvm jvm(String mode) {
        return new DaemonJvm(DaemonJvm.currentJava(),
                List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Denvy.test.runtimeDir=" + paths.runtimeDir(),
                        "-Denvy.test.mode=" + mode), testClasspath(), FakeDaemon.class.getName());
    }

    private List<Long> startedPids() throws IOException {
        Path starts = project.resolve("starts.txt");
        if (!Files.exists(starts)) {
            return List.of();
        }
        return Files.readAllLines(starts).stream().filter(l -> !l.isBlank()).map(Long::parseLong).toList();
    }

    @Test
    void BG_2_startsADaemonInItsOwnSessionAndReturnsAWelcomedConnection() throws Exception {
        long pid;
        try (DaemonClient client = launcher("serve").ensureRunning(project, paths, projectPaths, DEADLINE)) {
            pid = client.welcome().orElseThrow().daemonPid();
            assertInstanceOf(Response.StatusReport.class, client.call(new Request.Status(List.of()), r -> { },
                    Duration.ofSeconds(10)));
        }
        assertEquals(List.of(pid), startedPids());
        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        assertEquals(String.valueOf(pid), fields[3], "the daemon leads its own session (setsid)");
        assertTrue(daemon.isAlive());
        assertEquals("*\n", Files.readString(projectPaths.gitignore()));
        assertTrue(Files.readString(projectPaths.daemonLog()).contains("fake daemon " + pid + " up"),
                "the daemon's stdout goes to daemon.log");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(paths.runtimeDir())));
        try (DaemonClient again = launcher("serve").ensureRunning(project, paths, projectPaths, DEADLINE)) {
            assertEquals(pid, again.welcome().orElseThrow().daemonPid(), "the running daemon is reused");
        }
        assertEquals(List.of(pid), startedPids());
    }

    @Test
    void AC_5_twoThreadsStartingAtOnceGetOneDaemon() throws Exception {
        int starters = 4;
        CyclicBarrier together = new CyclicBarrier(starters);
        ExecutorService pool = Executors.newFixedThreadPool(starters);
        try {
            List<Future<Long>> pids = new ArrayList<>();
            for (int i = 0; i < starters; i++) {
                Callable<Long> start = () -> {
                    together.await(10, TimeUnit.SECONDS);
                    try (DaemonClient c = launcher("serve").ensureRunning(project, paths, projectPaths, DEADLINE)) {
                        return c.welcome().orElseThrow().daemonPid();
                    }
                };
                pids.add(pool.submit(start));
            }
            List<Long> answered = new ArrayList<>();
            for (Future<Long> f : pids) {
                answered.add(f.get(90, TimeUnit.SECONDS));
            }
            assertEquals(1, startedPids().size(), "daemons started: " + startedPids());
            assertEquals(List.of(startedPids().getFirst()), answered.stream().distinct().toList());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void AC_5_twoProcessesStartingAtOnceGetOneDaemon() throws Exception {
        List<Process> racers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            racers.add(new ProcessBuilder(DaemonJvm.currentJava().toString(), "-XX:TieredStopAtLevel=1",
                    "-cp", testClasspath(), LauncherRace.class.getName(), paths.runtimeDir().toString(),
                    project.toString(), testClasspath()).redirectErrorStream(true).start());
        }
        List<String> outputs = new ArrayList<>();
        for (Process p : racers) {
            boolean done = p.waitFor(90, TimeUnit.SECONDS);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!done) {
                p.destroyForcibly();
            }
            assertTrue(done, "a racing starter did not finish within 90 s");
            assertEquals(0, p.exitValue(), out);
            outputs.add(out);
        }
        assertEquals(1, startedPids().size(), "daemons started: " + startedPids());
        assertEquals(List.of("pid " + startedPids().getFirst()), outputs.stream().distinct().toList());
    }

    @Test
    void BG_2_theDaemonGetsTheCallersEnvironmentAndSignalsUnchanged() throws Exception {
        long pid;
        try (DaemonClient client = launcher("serve").ensureRunning(project, paths, projectPaths, DEADLINE)) {
            pid = client.welcome().orElseThrow().daemonPid();
        }
        java.util.Map<String, String> expected = new java.util.TreeMap<>(System.getenv());
        expected.remove("ENVY_PLAN");
        expected.remove("ENVY_LAUNCHER_PID");
        assertEquals(expected.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList(),
                Files.readAllLines(project.resolve("environment-" + pid + ".txt")),
                "the daemon (and so every service) sees the CLI's environment, not the launching shell's");
        String ignored = Files.readAllLines(project.resolve("sigign-" + pid + ".txt")).getFirst();
        long mask = Long.parseUnsignedLong(ignored.substring("SigIgn:".length()).strip(), 16);
        assertEquals(0, mask & 0b110, "SIGINT and SIGQUIT are not ignored (SD-2): " + ignored);
    }

    @Test
    void aDaemonThatExitsEarlyIsReportedWithTheTailOfItsLog() throws Exception {
        Files.createDirectories(projectPaths.logsDir());
        Files.writeString(projectPaths.daemonLog(), "an old line from yesterday\n");
        var e = assertThrows(DaemonException.class,
                () -> launcher("die").ensureRunning(project, paths, projectPaths, DEADLINE));
        assertEquals(3, e.exitCode());
        assertTrue(e.getMessage().matches("the daemon \\(pid [0-9]+\\) exited before answering on .*"), e.getMessage());
        assertTrue(e.logTail().contains("boom: the fake daemon cannot start"), e.logTail().toString());
        assertFalse(e.logTail().contains("an old line from yesterday"), "only this start's lines");
        assertEquals("see " + projectPaths.daemonLog(), e.hint());
    }

    @Test
    void aDaemonThatNeverAnswersTimesOutWithTheTailOfItsLog() throws Exception {
        var e = assertThrows(DaemonException.class,
                () -> launcher("silent").ensureRunning(project, paths, projectPaths, Duration.ofSeconds(4)));
        assertTrue(e.getMessage().contains("did not answer on " + paths.socket() + " in time"), e.getMessage());
        assertTrue(e.logTail().stream().anyMatch(l -> l.contains("mode silent")), e.logTail().toString());
    }

    @Test
    void CS_5_aStaleSocketIsRemovedAndThatIsLogged() throws Exception {
        Files.createDirectories(paths.runtimeDir());
        Files.setPosixFilePermissions(paths.runtimeDir().getParent(), PosixFilePermissions.fromString("rwx------"));
        Files.setPosixFilePermissions(paths.runtimeDir(), PosixFilePermissions.fromString("rwx------"));
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(paths.socket()));
        }
        assertTrue(Files.exists(paths.socket()));
        try (DaemonClient client = launcher("serve").ensureRunning(project, paths, projectPaths, DEADLINE)) {
            assertTrue(client.welcome().isPresent());
        }
        assertTrue(Files.readString(projectPaths.daemonLog()).contains("removed stale socket " + paths.socket()
                + ": no daemon holds " + paths.daemonLock()));
    }

    @Test
    void CS_9_statusReadsTheLockAndDaemonJsonWithoutTheSocket() throws Exception {
        assertFalse(DaemonStatus.read(paths, projectPaths).running(), "nothing ran yet");
        long pid;
        try (DaemonClient client = launcher("serve").ensureRunning(project, paths, projectPaths, DEADLINE)) {
            pid = client.welcome().orElseThrow().daemonPid();
        }
        Files.delete(paths.socket()); // proves the socket is not consulted
        DaemonStatus status = DaemonStatus.read(paths, projectPaths);
        assertTrue(status.running());
        assertEquals(pid, status.info().orElseThrow().pid());
        assertEquals("0.1.0", status.info().orElseThrow().version());
        assertEquals(paths.runtimeDir(), status.runtimeDir());
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(10, TimeUnit.SECONDS).join());
        assertFalse(DaemonStatus.read(paths, projectPaths).running(), "the kernel released the dead daemon's lock");
    }

    @Test
    void AC_5_aShuttingDownAnswerIsRetriedAgainstAFreshDaemon() throws Exception {
        Deadlines deadlines = Deadlines.DEFAULT.withStart(DEADLINE);
        var connector = new DaemonConnector(new SocketLink(paths, deadlines, jvm("shutdown-once")), project, deadlines);
        Response answer = connector.call(new Request.Status(List.of()), r -> { }, DaemonConnector.Start.WHEN_NEEDED)
                .orElseThrow();
        assertInstanceOf(Response.StatusReport.class, answer);
        assertEquals(2, startedPids().size(), "the first daemon was shutting down, a second one answered");
    }

    @Test
    void AC_5_aDaemonThatExitsWithoutAnsweringIsAskedAgainOnceItHasGone() throws Exception {
        Deadlines deadlines = Deadlines.DEFAULT.withStart(DEADLINE);
        var connector = new DaemonConnector(new SocketLink(paths, deadlines, jvm("drop-once")), project, deadlines);
        Response answer = connector.call(new Request.Status(List.of()), r -> { }, DaemonConnector.Start.WHEN_NEEDED)
                .orElseThrow();
        assertInstanceOf(Response.StatusReport.class, answer);
        assertEquals(2, startedPids().size(), "the first daemon dropped the request as it exited, a second answered");
    }
}

package dev.envy.daemon.process;

import dev.envy.core.manifest.Signal;
import dev.envy.daemon.log.LogStore;
import dev.envy.host.os.Native;
import dev.envy.host.os.ProcStat;
import dev.envy.host.testing.Await;
import dev.envy.daemon.testing.LogFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ServiceProcessesTest {

    static final Map<String, String> ENV = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "LC_ALL", "C",
            "ENVY_SERVICE", "svc");

    @TempDir
    Path project;
    LogStore logs;
    ServiceProcesses processes;
    final List<SpawnedProcess> started = new ArrayList<>();

    @BeforeAll
    static void subreaper() {
        assertTrue(ServiceProcesses.becomeSubreaper(), "prctl(PR_SET_CHILD_SUBREAPER) failed");
    }

    @BeforeEach
    void setUp() {
        logs = new LogStore(project.resolve(".envy/logs"), 0, 0);
        processes = new ServiceProcesses(project, logs, message -> System.err.println("envy: " + message));
    }

    final List<Long> foreign = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        foreign.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        for (SpawnedProcess p : started) {
            processes.killTree(p.pid());
            p.exited().get(10, TimeUnit.SECONDS);
        }
        processes.close();
        logs.close();
    }

    SpawnedProcess spawn(String command) throws SpawnException {
        return spawn(command, ENV, ".", LineListener.NONE);
    }

    SpawnedProcess spawn(String command, Map<String, String> env, String dir, LineListener lines)
            throws SpawnException {
        SpawnedProcess p = processes.spawn("svc", command, env, dir, lines);
        started.add(p);
        return p;
    }

    static ExitStatus exit(SpawnedProcess p) throws Exception {
        try {
            return p.exited().get(15, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("service pid " + p.pid() + " did not finish within 15 s");
        }
    }

    Path log() {
        return project.resolve(".envy/logs/svc.log");
    }

    @Test
    void leaderIsItsOwnProcessGroupAndSession() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        SpawnedProcess p = spawn("echo up; exec sleep 1000", ENV, ".", lines::add);
        Await.until(Duration.ofSeconds(5), "the service to print 'up'", () -> lines.contains("up"));
        ProcStat.Entry entry = ProcStat.read(p.pid()).orElseThrow();
        assertEquals(p.pid(), entry.pgid(), "pgid");
        assertEquals(p.pid(), entry.sid(), "session id");
        assertEquals(entry.startTime(), p.startTime());
        processes.killTree(p.pid());
        assertEquals(Optional.of(Signal.KILL), exit(p).signal());
    }

    @Test
    void environmentIsExactlyTheGivenOneAndWorkingDirIsResolvedAgainstTheProject() throws Exception {
        Files.createDirectories(project.resolve("sub/dir"));
        Map<String, String> env = Map.of("PATH", "/usr/bin:/bin", "ONLY", "this one", "EMPTY", "");
        SpawnedProcess p = spawn("tr '\\0' '\\n' < /proc/$$/environ | sort; echo \"cwd=$(pwd -P)\"", env,
                "sub/dir", LineListener.NONE);
        assertEquals(ExitStatus.code(0), exit(p));
        assertEquals(List.of("EMPTY=", "ONLY=this one", "PATH=/usr/bin:/bin",
                "cwd=" + project.resolve("sub/dir").toRealPath()), LogFiles.lines(log()));
    }

    @Test
    void serviceInheritsNoDescriptorsOrSignalStateOfTheDaemon() throws Exception {
        // the daemon holds its lock, socket and log files open: none of them may leak into a service
        // no pipeline before the listing (bash holds its pipes open while starting it); the glob's own descriptor on
        // the directory is closed again by the time the loop tests each entry
        SpawnedProcess p = spawn("for f in /proc/$$/fd/*; do [ -e \"$f\" ] && printf '%s ' \"${f##*/}\"; done; echo; "
                + "readlink /proc/$$/fd/0; "
                + "read -r line; echo \"stdin=[$line]\"; exec grep -E '^Sig(Blk|Ign):' /proc/self/status");
        assertEquals(ExitStatus.code(0), exit(p));
        List<String> lines = LogFiles.lines(log());
        assertEquals("0 1 2 ", lines.get(0), "open descriptors");
        // glibc leaves its internal signals 32 and 33 ignored in a child it spawns unless told otherwise; envy tells it
        assertEquals(List.of("/dev/null", "stdin=[]", "SigBlk:\t0000000000000000", "SigIgn:\t0000000000000000"),
                lines.subList(1, lines.size()));
    }

    @Test
    void missingWorkingDirIsASpawnFailure() {
        SpawnException e = assertThrows(SpawnException.class,
                () -> processes.spawn("svc", "true", ENV, "nope", LineListener.NONE));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void exitCodeIsReported() throws Exception {
        assertEquals(ExitStatus.code(3), exit(spawn("exit 3")));
        assertEquals(ExitStatus.code(0), exit(spawn("true")));
    }

    @Test
    void deathBySignalIsReportedAsThatSignal() throws Exception {
        assertEquals(ExitStatus.killedBy(Signal.parse("SEGV").orElseThrow()), exit(spawn("kill -SEGV $$")));
        SpawnedProcess p = spawn("echo up; exec sleep 1000");
        Await.until(Duration.ofSeconds(5), "the service to start", () -> LogFiles.lines(log()).contains("up"));
        assertTrue(processes.signal(p.pid(), Signal.TERM));
        assertEquals(ExitStatus.killedBy(Signal.TERM), exit(p));
        assertFalse(processes.signal(p.pid(), Signal.TERM), "no group left to signal");
    }

    /**
     * A tree with background children, a double-forked orphan (reparented to the daemon, still in the session), a
     * child that left the session with setsid (found as a descendant of the leader, recorded by the reaper's scan)
     * and a double-forked orphan that left the session at once (found by its inherited ENVY_SERVICE).
     */
    static final String TREE = "sleep 1000 & echo $! >> pids; sleep 1000 & echo $! >> pids; "
            + "( sleep 1000 & echo $! >> pids ); setsid sleep 1000 & echo $! >> pids; "
            + "( setsid sleep 1000 & echo $! >> pids ); echo started; wait";

    List<Long> startTree(SpawnedProcess p) throws Exception {
        Await.until(Duration.ofSeconds(5), "the tree to start", () -> LogFiles.lines(log()).contains("started")
                && LogFiles.text(project.resolve("pids")).lines().count() == 5);
        List<Long> pids = Files.readAllLines(project.resolve("pids")).stream().map(Long::parseLong).toList();
        assertEquals(5, pids.size());
        Await.until(Duration.ofSeconds(5), "every sleep to run", () -> pids.stream().allMatch(
                pid -> ProcStat.read(pid).map(e -> !e.zombie()).orElse(false)));
        processes.trackNow();
        return pids;
    }

    void assertTreeGone(List<Long> pids) {
        for (long pid : pids) {
            assertEquals(Optional.empty(), ProcStat.read(pid), "process " + pid + " (alive or zombie) after stop");
        }
        long self = Native.getpid();
        List<ProcStat.Entry> zombies = ProcStat.all().stream()
                .filter(e -> e.ppid() == self && e.zombie() && e.sid() != ProcStat.sessionId(self).orElse(-1))
                .toList();
        assertEquals(List.of(), zombies, "zombie children of the daemon");
    }

    @Test
    void stopSignalReachesGrandchildrenAndOrphans() throws Exception {
        SpawnedProcess p = spawn(TREE);
        List<Long> pids = startTree(p);
        processes.signal(p.pid(), Signal.TERM);
        assertEquals(ExitStatus.killedBy(Signal.TERM), exit(p));
        assertTreeGone(pids);
    }

    @Test
    void killTreeReachesGrandchildrenAndOrphans() throws Exception {
        SpawnedProcess p = spawn(TREE);
        List<Long> pids = startTree(p);
        assertTrue(processes.killTree(p.pid()));
        assertEquals(ExitStatus.killedBy(Signal.KILL), exit(p));
        assertTreeGone(pids);
    }

    @Test
    void serviceIgnoringTermSurvivesItAndDiesOnKillTree() throws Exception {
        SpawnedProcess p = spawn("trap '' TERM; echo ready; while :; do sleep 0.05; done");
        Await.until(Duration.ofSeconds(5), "the service to trap TERM", () -> LogFiles.lines(log()).contains("ready"));
        assertTrue(processes.signal(p.pid(), Signal.TERM));
        assertThrows(TimeoutException.class, () -> p.exited().get(500, TimeUnit.MILLISECONDS),
                "a service ignoring SIGTERM must still run 500 ms later");
        assertTrue(ProcStat.alive(p.pid(), p.startTime()));
        processes.killTree(p.pid());
        assertEquals(ExitStatus.killedBy(Signal.KILL), exit(p));
    }

    @Test
    void everyLineIsOnDiskWhenExitedCompletes() throws Exception {
        long t0 = System.nanoTime();
        SpawnedProcess p = spawn("seq -f '%090g' 1 200000");
        java.util.concurrent.atomic.AtomicLong leaderGone = new java.util.concurrent.atomic.AtomicLong();
        ProcessHandle.of(p.pid()).orElseThrow().onExit().thenRun(() -> leaderGone.set(System.nanoTime()));
        assertEquals(ExitStatus.code(0), exit(p));
        long done = System.nanoTime();
        long millis = TimeUnit.NANOSECONDS.toMillis(done - t0);
        System.out.println("leader exit -> exited() completed: " + TimeUnit.NANOSECONDS.toMillis(done - leaderGone.get())
                + " ms");
        List<String> lines = LogFiles.lines(log());
        assertEquals(200_000, lines.size());
        assertEquals(String.format("%090d", 200000), lines.getLast());
        System.out.println("200000 lines (" + Files.size(log()) / 1024 + " KiB) spawned, written and flushed in "
                + millis + " ms");
        assertTrue(millis < 5000, "took " + millis + " ms");
    }

    @Test
    void aLineOverSixtyFourKibIsSplitIntoPieces() throws Exception {
        SpawnedProcess p = spawn("head -c 204800 /dev/zero | tr '\\0' a; echo; echo after");
        assertEquals(ExitStatus.code(0), exit(p));
        List<Integer> lengths = LogFiles.payloads(log()).stream().map(b -> b.length).toList();
        assertEquals(List.of(65536, 65536, 65536, 8192, 5), lengths);
    }

    @Test
    void invalidUtf8IsKeptByteForByte() throws Exception {
        SpawnedProcess p = spawn("printf 'a\\377\\376b\\300\\n'; printf 'no newline at end'");
        assertEquals(ExitStatus.code(0), exit(p));
        List<byte[]> lines = LogFiles.payloads(log());
        assertEquals(2, lines.size());
        assertEquals(List.of((byte) 'a', (byte) 0xff, (byte) 0xfe, (byte) 'b', (byte) 0xc0),
                toList(lines.get(0)));
        assertEquals("no newline at end", new String(lines.get(1)));
    }

    static List<Byte> toList(byte[] bytes) {
        List<Byte> list = new ArrayList<>();
        for (byte b : bytes) {
            list.add(b);
        }
        return list;
    }

    @Test
    void stdoutAndStderrShareOneLogInArrivalOrder() throws Exception {
        SpawnedProcess p = spawn("echo one; echo two >&2; echo three");
        assertEquals(ExitStatus.code(0), exit(p));
        assertEquals(List.of("one", "two", "three"), LogFiles.lines(log()));
    }

    @Test
    void outputHeldByAnEscapedProcessIsAbandonedAfterAGrace() throws Exception {
        // the escaped sleep keeps the pipe open and carries no ENVY_SERVICE: exited() must not wait for it forever
        SpawnedProcess p = spawn("setsid sleep 1000 & echo $! > escaped; echo bye", Map.of("PATH", "/usr/bin:/bin"),
                ".", LineListener.NONE);
        Await.until(Duration.ofSeconds(5), "the escaped pid",
                () -> LogFiles.text(project.resolve("escaped")).endsWith("\n"));
        long escaped = Long.parseLong(Files.readString(project.resolve("escaped")).trim());
        try {
            assertEquals(ExitStatus.code(0), exit(p));
            assertEquals(List.of("bye"), LogFiles.lines(log()));
        } finally {
            Native.kill(escaped, Signal.KILL.number());
        }
    }

    @Test
    void HD_12_whatLeftItsSessionAndEnvironmentDiesWithItsOwnServiceWhileAnotherRuns() throws Exception {
        assumeTrue(processes.cgroupsUsed(), "no cgroup v2 can be made here (it takes root or a delegated subtree);"
                + " HD-9's fallback is what stops such a process then");
        SpawnedProcess other = spawn("exec sleep 1000");
        SpawnedProcess p = spawn("trap '' TERM; sleep 0.2; setsid -f env -i /bin/bash -c 'echo $$ > " + project.resolve("stray")
                + "; exec sleep 1000'; exec sleep 1000", Map.of("PATH", "/usr/bin:/bin"), ".", LineListener.NONE);
        Await.until(Duration.ofSeconds(5), "the stray's pid",
                () -> LogFiles.text(project.resolve("stray")).endsWith("\n"));
        long stray = Long.parseLong(Files.readString(project.resolve("stray")).trim());
        assertTrue(ProcessHandle.of(stray).isPresent());
        processes.killTree(p.pid());
        assertEquals(ExitStatus.killedBy(Signal.KILL), exit(p));
        Await.until(Duration.ofSeconds(5), "the stray to be gone", () -> ProcessHandle.of(stray)
                .map(h -> ProcStat.read(stray).map(ProcStat.Entry::zombie).orElse(true)).orElse(true));
        assertTrue(ProcStat.alive(other.pid(), other.startTime()), "the other service runs on");
    }

    @Test
    void shutdownCommandWritesIntoTheServiceLog() throws Exception {
        ExitStatus status = processes.runShutdownCommand("svc", "echo stopping $NAME; exit 4",
                Map.of("NAME", "db", "PATH", "/usr/bin:/bin"), ".").get(10, TimeUnit.SECONDS);
        assertEquals(ExitStatus.code(4), status);
        assertEquals(List.of("stopping db"), LogFiles.lines(log()));
    }

    @Test
    void rotationUnderAFloodFromAProcessLosesNoLine() throws Exception {
        try (LogStore rotating = new LogStore(project.resolve("rotating"), 1024 * 1024, 100);
             ServiceProcesses other = new ServiceProcesses(project, rotating)) {
            SpawnedProcess p = other.spawn("flood", "seq 1 200000", ENV, ".", LineListener.NONE);
            started.add(p);
            assertEquals(ExitStatus.code(0), exit(p));
            List<String> all = new ArrayList<>();
            List<Path> files = rotating.files("flood");
            for (int i = files.size() - 1; i >= 0; i--) {
                all.addAll(LogFiles.lines(files.get(i)));
            }
            assertEquals(200_000, all.size());
            for (int i = 0; i < all.size(); i++) {
                if (!all.get(i).equals(Integer.toString(i + 1))) {
                    throw new AssertionError("line " + (i + 1) + " is '" + all.get(i) + "'");
                }
            }
            assertTrue(Files.exists(rotating.logsDir().resolve("flood.log.1")), "the flood was rotated");
        }
    }

    @Test
    void aDaemonizingServiceEndsWhenItsDaemonEndsAndTheStopSignalReachesIt() throws Exception {
        // the classic daemon: fork, setsid, leader exits; the daemon is outside the leader's group and session
        SpawnedProcess p = processes.spawn("svc", "( setsid sleep 1000 & echo $! > forked ); echo forked",
                ENV, ".", LineListener.NONE, true);
        started.add(p);
        Await.until(Duration.ofSeconds(5), "the forked pid", () -> LogFiles.text(project.resolve("forked")).endsWith("\n"));
        long forked = Long.parseLong(LogFiles.text(project.resolve("forked")).trim());
        Await.until(Duration.ofSeconds(5), "the leader to exit", () -> ProcStat.read(p.pid()).isEmpty());
        assertThrows(TimeoutException.class, () -> p.exited().get(300, TimeUnit.MILLISECONDS),
                "exited() while the daemon still runs");
        assertTrue(processes.signal(p.pid(), Signal.TERM), "the daemon outside the group got the stop signal");
        assertEquals(ExitStatus.code(0), exit(p));
        assertEquals(Optional.empty(), ProcStat.read(forked));
    }

    /** A process group this test did not spawn through {@link ServiceProcesses}: a setsid sleep, orphaned to us. */
    long foreignGroup() throws Exception {
        Process sh = new ProcessBuilder("sh", "-c", "setsid sleep 1000 </dev/null >/dev/null 2>&1 & echo $!")
                .redirectErrorStream(true).start();
        long pid = Long.parseLong(new String(sh.getInputStream().readAllBytes()).trim());
        assertEquals(0, sh.waitFor());
        Await.until(Duration.ofSeconds(5), "the sleep to lead its own group",
                () -> ProcStat.read(pid).map(e -> e.pgid() == pid).orElse(false));
        foreign.add(pid);
        return pid;
    }

    @Test
    void CS_8_anAdoptedGroupIsWatchedUntilItsTreeIsGoneAndKillTreeReachesIt() throws Exception {
        long pgid = foreignGroup();
        var gone = processes.adopt(pgid);
        assertThrows(TimeoutException.class, () -> gone.get(300, TimeUnit.MILLISECONDS), "it still runs");

        assertTrue(processes.killTree(pgid));
        gone.get(10, TimeUnit.SECONDS);
        assertTreeGone(List.of(pgid));
    }

    @Test
    void CS_8_anAdoptedGroupThatEndsOnItsStopSignalIsReportedGone() throws Exception {
        long pgid = foreignGroup();
        var gone = processes.adopt(pgid);
        assertTrue(processes.signal(pgid, Signal.TERM));
        gone.get(10, TimeUnit.SECONDS);
        assertTreeGone(List.of(pgid));
    }

    @Test
    void anOrphanThatDiesWhileTheServiceRunsIsReapedNotLeftAZombie() throws Exception {
        SpawnedProcess p = spawn("( sleep 0.3 & echo $! > orphan ); echo up; exec sleep 1000");
        Await.until(Duration.ofSeconds(5), "the orphan pid", () -> LogFiles.text(project.resolve("orphan")).endsWith("\n"));
        long orphan = Long.parseLong(LogFiles.text(project.resolve("orphan")).trim());
        Await.until(Duration.ofSeconds(5), "the dead orphan to be reaped by the periodic reaper",
                () -> ProcStat.read(orphan).isEmpty());
        assertTrue(ProcStat.alive(p.pid(), p.startTime()), "the service itself keeps running");
        processes.killTree(p.pid());
        exit(p);
    }
}

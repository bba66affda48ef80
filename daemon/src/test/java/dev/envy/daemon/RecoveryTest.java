package dev.envy.daemon;

import dev.envy.core.lifecycle.Effect;
import dev.envy.core.manifest.Signal;
import dev.envy.core.manifest.Stop;
import dev.envy.daemon.loop.LogSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class RecoveryTest {
    @TempDir
    Path dir;

    /** Processes by pid with their start time; a group dies on a signal unless it ignores it. */
    static final class Table implements ProcessControl {
        final Map<Long, Long> started = new HashMap<>();
        final Set<Long> groups = new HashSet<>();
        final Set<Long> ignoresTerm = new HashSet<>();
        final List<String> actions = new ArrayList<>();

        @Override
        public OptionalLong startTime(long pid) {
            Long t = started.get(pid);
            return t == null ? OptionalLong.empty() : OptionalLong.of(t);
        }

        @Override
        public boolean groupAlive(long pgid) {
            return groups.contains(pgid);
        }

        @Override
        public void signalGroup(long pgid, Signal signal) {
            actions.add(signal.name() + " " + pgid);
            if (!ignoresTerm.contains(pgid)) {
                started.remove(pgid);
                groups.remove(pgid);
            }
        }

        @Override
        public void killTree(long pgid) {
            actions.add("KILL-TREE " + pgid);
            started.remove(pgid);
            groups.remove(pgid);
        }

        /** Groups marked as services of an environment, by environment id. */
        final Map<String, Map<Long, String>> marked = new HashMap<>();

        @Override
        public Map<Long, String> markedGroups(String environmentId) {
            Map<Long, String> live = new java.util.LinkedHashMap<>();
            marked.getOrDefault(environmentId, Map.of()).forEach((pgid, service) -> {
                if (groups.contains(pgid)) {
                    live.put(pgid, service);
                }
            });
            return live;
        }

        void run(long pid, long startTime) {
            started.put(pid, startTime);
            groups.add(pid);
        }
    }

    private static final LogSink QUIET = new LogSink() {
        public void info(String m) { }
        public void warn(String m) { }
        public void error(String m, Throwable t) { }
    };

    private final Table table = new Table();
    private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-22T01:00:00Z"));
    /** Checks once, as a real wait would at its deadline. */
    private final Recovery recovery = new Recovery(table, (done, deadline) -> done.getAsBoolean(), QUIET);

    static Effect.LiveProcess process(String service, long pid, long startTime, int signal, long timeoutMillis) {
        return new Effect.LiveProcess(service, pid, startTime, Stop.bySignal(Signal.ofNumber(signal).orElseThrow(),
                Duration.ofMillis(timeoutMillis)), ".", Map.of());
    }

    private StateFile stateWith(Effect.LiveProcess... processes) throws Exception {
        StateFile file = new StateFile(dir.resolve("state.json"));
        file.write(new StateFile.State(List.of(processes), List.of(new Effect.Activation(77, 88))));
        return file;
    }

    @Test
    void stateFileRoundTrips() throws Exception {
        StateFile file = stateWith(process("db", 10, 1000, 2, 5000));
        assertEquals(new StateFile.State(List.of(process("db", 10, 1000, 2, 5000)),
                List.of(new Effect.Activation(77, 88))), file.read());
        assertFalse(Files.exists(dir.resolve("state.json.tmp")), "written through a temp file renamed into place");
    }

    @Test
    void CS_8_aLiveRecordedServiceIsStoppedWithItsStopSignalAndNamedInANote() throws Exception {
        table.run(10, 1000);
        StateFile file = stateWith(process("db", 10, 1000, 2, 5000));

        List<String> notes = recovery.recover(file, clock);

        assertEquals(List.of("INT 10"), table.actions);
        assertEquals(List.of("recovered: stopped db (pid 10) left running by a daemon that was killed"), notes);
        assertFalse(Files.exists(file.path()), "the state of the dead daemon is consumed");
    }

    @Test
    void aServiceIgnoringItsStopSignalIsKilledAfterItsStopTimeout() throws Exception {
        table.run(10, 1000);
        table.ignoresTerm.add(10L);
        List<String> notes = recovery.recover(stateWith(process("db", 10, 1000, 15, 5000)), clock);

        assertEquals(List.of("TERM 10", "KILL-TREE 10"), table.actions);
        assertEquals(List.of("recovered: stopped db (pid 10) left running by a daemon that was killed, killed with"
                + " SIGKILL after its stop-timeout"), notes);
    }

    @Test
    void aReusedPidIsNeverTouched() throws Exception {
        table.run(10, 9999);
        List<String> notes = recovery.recover(stateWith(process("db", 10, 1000, 15, 5000)), clock);

        assertEquals(List.of(), table.actions);
        assertEquals(List.of(), notes);
    }

    @Test
    void aGroupWhoseLeaderDiedButWhoseChildrenLiveIsStillStopped() throws Exception {
        table.groups.add(10L);
        recovery.recover(stateWith(process("web", 10, 1000, 15, 5000)), clock);

        assertEquals(List.of("TERM 10"), table.actions);
    }

    @Test
    void nothingRecordedNothingDone() throws Exception {
        assertEquals(List.of(), recovery.recover(new StateFile(dir.resolve("state.json")), clock));
        assertEquals(List.of(), table.actions);
    }

    @Test
    void CS_8_servicesTheKilledDaemonHadNotRecordedAreFoundByTheirEnvironmentAndStopped() {
        table.run(20, 2000);
        table.run(30, 3000);
        table.run(40, 4000);
        table.ignoresTerm.add(30L);
        table.marked.put("shop-0123", new java.util.LinkedHashMap<>(Map.of(20L, "db")));
        table.marked.get("shop-0123").put(30L, "web");
        table.marked.put("other-4567", Map.of(40L, "db"));

        List<String> notes = recovery.recoverUnrecorded("shop-0123", clock);

        assertEquals(List.of("TERM 20", "TERM 30", "KILL-TREE 30"), table.actions,
                "another environment's db is left alone");
        assertEquals(List.of("recovered: stopped db (pid 20) left running and unrecorded by a daemon that was killed",
                "recovered: stopped web (pid 30) left running and unrecorded by a daemon that was killed, killed with"
                        + " SIGKILL after 5 s"), notes);
        assertEquals(Set.of(40L), table.groups);
        assertEquals(List.of(), recovery.recoverUnrecorded("shop-0123", clock), "nothing left: nothing to say");
    }
}

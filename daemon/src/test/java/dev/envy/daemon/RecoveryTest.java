package dev.envy.daemon;

import dev.envy.core.lifecycle.Effect;
import dev.envy.core.lifecycle.Orphans;
import dev.envy.core.manifest.Signal;
import dev.envy.core.manifest.Stop;
import dev.envy.daemon.loop.LogSink;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** CS-8: what a killed predecessor left running is found; stopping it is the supervisor's (core RecoveryTest). */
class RecoveryTest {

    /** Processes by pid with their start time, and the groups alive. */
    static final class Table implements ProcessControl {
        final Map<Long, Long> started = new HashMap<>();
        final Set<Long> groups = new HashSet<>();
        /** Groups marked as services of an environment, by environment id. */
        final Map<String, Map<Long, String>> marked = new HashMap<>();

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
        public Map<Long, String> markedGroups(String environmentId) {
            Map<Long, String> live = new LinkedHashMap<>();
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

    static Effect.LiveProcess process(String service, long pid, long startTime, Signal signal) {
        return new Effect.LiveProcess(service, pid, startTime, new Stop(signal, Duration.ofSeconds(5),
                Optional.empty()), ".", Map.of());
    }

    private Orphans find(Optional<String> environmentId, Effect.LiveProcess... recorded) {
        return Recovery.find(List.of(recorded), environmentId, table, QUIET);
    }

    @Test
    void CS_8_aLiveRecordedServiceIsFoundWithHowItIsStopped() {
        table.run(10, 1000);
        Effect.LiveProcess db = process("db", 10, 1000, Signal.INT);
        assertEquals(new Orphans(List.of(db), Map.of()), find(Optional.empty(), db));
    }

    @Test
    void aReusedPidIsNeverTouched() {
        table.run(10, 9999);
        assertEquals(Orphans.NONE, find(Optional.empty(), process("db", 10, 1000, Signal.TERM)));
    }

    @Test
    void aGroupWhoseLeaderDiedButWhoseChildrenLiveIsStillFound() {
        table.groups.add(10L);
        Effect.LiveProcess web = process("web", 10, 1000, Signal.TERM);
        assertEquals(List.of(web), find(Optional.empty(), web).recorded());
    }

    @Test
    void nothingRecordedNothingFound() {
        assertEquals(Orphans.NONE, find(Optional.of("shop-0123")));
    }

    @Test
    void CS_8_servicesTheKilledDaemonHadNotRecordedAreFoundByTheirEnvironment() {
        table.run(10, 1000);
        table.run(20, 2000);
        table.run(30, 3000);
        table.run(40, 4000);
        Map<Long, String> shop = new LinkedHashMap<>();
        shop.put(10L, "cache");
        shop.put(20L, "db");
        shop.put(30L, "web");
        table.marked.put("shop-0123", shop);
        table.marked.put("other-4567", Map.of(40L, "db"));

        Orphans found = find(Optional.of("shop-0123"), process("cache", 10, 1000, Signal.TERM));

        assertEquals(List.of(process("cache", 10, 1000, Signal.TERM)), found.recorded());
        assertEquals(Map.of(20L, "db", 30L, "web"), found.unrecorded(),
                "the recorded group once, and another environment's db not at all");
        assertEquals(Orphans.NONE, find(Optional.empty()), "no look at environments unless the predecessor was killed");
    }
}

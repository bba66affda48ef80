package dev.envy.daemon;

import dev.envy.host.os.ProcStat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/** Crash recovery's view of processes, through /proc. */
final class NativeProcessControl implements ProcessControl {

    @Override
    public OptionalLong startTime(long pid) {
        return ProcStat.read(pid).filter(e -> !e.zombie()).map(e -> OptionalLong.of(e.startTime()))
                .orElse(OptionalLong.empty());
    }

    @Override
    public boolean groupAlive(long pgid) {
        return ProcStat.membersOf(pgid).stream().anyMatch(e -> !e.zombie());
    }

    @Override
    public Map<Long, String> markedGroups(String environmentId) {
        Map<Long, String> groups = new LinkedHashMap<>();
        long self = ProcessHandle.current().pid();
        for (ProcStat.Entry e : ProcStat.all()) {
            if (e.zombie() || e.pid() == self || e.pgid() <= 1 || groups.containsKey(e.pgid())) {
                continue;
            }
            Map<String, String> env = ProcStat.environment(e.pid());
            String service = env.get("ENVY_SERVICE");
            if (service != null && environmentId.equals(env.get("ENVY_ENV"))) {
                groups.put(e.pgid(), service);
            }
        }
        return groups;
    }
}

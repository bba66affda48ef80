package dev.envy.daemon.process;

import dev.envy.host.os.ProcStat;

import java.util.List;

/**
 * Scans of the process table shared by the threads that ask for one at the same time. When 50 services end together,
 * their 50 finishing threads each need a look at {@code /proc}; reading it 50 times over costs more than the stop
 * itself. A caller gets a scan that was started after it asked — exactly as fresh as one it would have taken itself —
 * but one taken for another caller that asked no later is reused instead of repeated.
 */
final class ProcessScans {

    private List<ProcStat.Entry> last;
    private long lastStartedAt;

    /** A scan started no earlier than this call. */
    List<ProcStat.Entry> fresh() {
        long asked = System.nanoTime();
        synchronized (this) {
            if (last != null && lastStartedAt - asked >= 0) {
                return last;
            }
            long started = System.nanoTime();
            last = ProcStat.all();
            lastStartedAt = started;
            return last;
        }
    }
}

package dev.envy.host.os;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcStatTest {

    @Test
    void parsesACommandNameContainingParenthesesAndSpaces() {
        String stat = "4242 (we ird) (name) Z 17 4242 4240 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 987654 1 2 3";
        assertEquals(Optional.of(new ProcStat.Entry(4242, 'Z', 17, 4242, 4240, 987654, 0, 2)), ProcStat.parse(stat));
        assertTrue(ProcStat.parse(stat).orElseThrow().zombie());
    }

    @Test
    void garbageIsAbsentNotAnError() {
        assertEquals(Optional.empty(), ProcStat.parse(""));
        assertEquals(Optional.empty(), ProcStat.parse("12 (x) S 1"));
    }

    @Test
    void readsOurOwnProcess() {
        long self = Native.getpid();
        ProcStat.Entry me = ProcStat.read(self).orElseThrow();
        assertEquals(self, me.pid());
        assertTrue(ProcStat.alive(self, me.startTime()));
        assertFalse(ProcStat.alive(self, me.startTime() + 1), "another start time is another process");
        assertEquals(ProcHandleStart.parentOf(self), me.ppid());
    }

    @Test
    void findsDescendantsOfAChild() throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "sleep 1000 & wait").start();
        try {
            dev.envy.host.testing.Await.until(java.time.Duration.ofSeconds(5), "bash to fork sleep",
                    () -> !ProcStat.descendants(p.pid()).isEmpty());
            List<ProcStat.Entry> kids = ProcStat.descendants(Native.getpid()).stream()
                    .filter(e -> e.ppid() == p.pid()).toList();
            assertEquals(1, kids.size());
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    static final class ProcHandleStart {
        static long parentOf(long pid) {
            return ProcessHandle.of(pid).orElseThrow().parent().orElseThrow().pid();
        }
    }
}

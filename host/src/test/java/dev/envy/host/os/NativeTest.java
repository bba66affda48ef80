package dev.envy.host.os;

import dev.envy.host.testing.Await;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeTest {

    private static final int EBADF = 9;

    @Test
    void identifiesThisProcess() throws Exception {
        assertEquals(ProcessHandle.current().pid(), Native.getpid());
        assertEquals(new com.sun.security.auth.module.UnixSystem().getUid(), CurrentUser.uid());
    }

    @Test
    void killReportsAMissingProcessAsFalse() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor(5, TimeUnit.SECONDS);
        assertFalse(Native.kill(p.pid(), 0));
        assertTrue(Native.kill(Native.getpid(), 0), "signal 0 to ourselves checks existence");
        assertThrows(IllegalArgumentException.class, () -> Native.kill(-1, 9));
        assertThrows(IllegalArgumentException.class, () -> Native.killGroup(1, 9));
    }

    @Test
    void pidfdBecomesReadableWhenTheProcessExits() throws Exception {
        Process p = new ProcessBuilder("sleep", "1000").start();
        int fd = Native.pidfdOpen(p.pid()).orElseThrow(() -> new AssertionError("no pidfd on this kernel"));
        try {
            assertEquals(0, Native.poll(new int[] {fd}, 0)[0], "readable while alive");
            p.destroyForcibly();
            short revents = Native.poll(new int[] {fd}, 5000)[0];
            assertTrue((revents & Native.POLLIN) != 0, "readable after exit, revents=" + revents);
        } finally {
            Native.close(fd);
            p.destroyForcibly();
        }
    }

    /** A grandchild that exits after its parent: reparented to this process (a subreaper), then our zombie. */
    private static long ourZombie() throws Exception {
        assertTrue(Native.becomeChildSubreaper());
        Process p = new ProcessBuilder("bash", "-c", "( sleep 0.2 & echo $! ) ").start();
        long orphan = Long.parseLong(new String(p.getInputStream().readAllBytes()).trim());
        p.waitFor(5, TimeUnit.SECONDS);
        Await.until(Duration.ofSeconds(5), "the orphan to become our zombie",
                () -> ProcStat.read(orphan).map(e -> e.zombie() && e.ppid() == Native.getpid()).orElse(false));
        return orphan;
    }

    @Test
    void waitpidReapsAnOrphanReparentedToASubreaper() throws Exception {
        long orphan = ourZombie();
        Native.WaitStatus status = Native.waitpidNoHang(orphan).orElseThrow();
        assertEquals(new Native.WaitStatus((int) orphan, 0, 0), status);
        assertEquals(java.util.Optional.empty(), ProcStat.read(orphan));
    }

    @Test
    void zombieChildNamesAnExitedChildWithoutReapingIt() throws Exception {
        long orphan = ourZombie();
        assertEquals(orphan, Native.zombieChild());
        assertTrue(ProcStat.read(orphan).isPresent(), "still there: only looked at");
        Native.waitpidNoHang(orphan).orElseThrow();
        Await.until(Duration.ofSeconds(5), "no zombie child left", () -> Native.zombieChild() == 0);
    }

    @Test
    void renameExchangeSwapsTwoFilesAndRefusesAMissingOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path a = java.nio.file.Files.writeString(dir.resolve("a"), "new");
        java.nio.file.Path b = java.nio.file.Files.writeString(dir.resolve("b"), "old");
        assertTrue(Native.renameExchange(a, b), "ext4 and tmpfs can exchange");
        assertEquals("old", java.nio.file.Files.readString(a));
        assertEquals("new", java.nio.file.Files.readString(b));
        assertFalse(Native.renameExchange(a, dir.resolve("missing")));
        assertEquals("old", java.nio.file.Files.readString(a), "a refused exchange changes nothing");
    }

    @Test
    void pipeGivesTwoEndsThatCarryAByte() {
        int[] pipe = Native.pipe(true);
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(2, pipe.length);
            assertNotEquals(pipe[0], pipe[1]);
            MemorySegment buffer = arena.allocate(16);
            assertEquals(-1, Native.read(pipe[0], buffer), "an empty non-blocking pipe reports EAGAIN as -1");
            assertEquals(0, Native.poll(new int[] {pipe[0]}, 0)[0], "nothing to read yet");
            Native.writeByte(pipe[1]);
            assertTrue((Native.poll(new int[] {pipe[0]}, 5000)[0] & Native.POLLIN) != 0, "readable after a write");
            assertEquals(1, Native.read(pipe[0], buffer));
            Native.close(pipe[1]);
            assertEquals(0, Native.read(pipe[0], buffer), "end of file once the write end is closed");
        } finally {
            Native.close(pipe[0]);
            Native.close(pipe[1]);
        }
    }

    @Test
    void anUnexpectedErrnoIsReported() {
        try (Arena arena = Arena.ofConfined()) {
            int notAnFd = 1 << 30;
            Native.NativeException e = assertThrows(Native.NativeException.class,
                    () -> Native.read(notAnFd, arena.allocate(1)));
            assertEquals(EBADF, e.errno());
            assertEquals(Native.POLLNVAL, Native.poll(new int[] {notAnFd}, 0)[0]);
        }
    }

    @Test
    void waitpidOnAProcessThatIsNotOurChildIsEmpty() {
        assertEquals(Optional.empty(), Native.waitpidNoHang(1), "ECHILD");
    }

    @Test
    void killCanSignalAGroupAndReportsAnEmptyOne() throws Exception {
        Process p = new ProcessBuilder("setsid", "sleep", "1000").start();
        try {
            Await.until(Duration.ofSeconds(5), "sleep to lead its own group",
                    () -> ProcStat.pgid(p.pid()).orElse(0) == p.pid());
            assertTrue(Native.killGroup(p.pid(), 9));
            assertTrue(p.waitFor(5, TimeUnit.SECONDS));
            assertFalse(Native.killGroup(p.pid(), 0), "ESRCH once the group is gone");
        } finally {
            p.destroyForcibly();
        }
    }
}

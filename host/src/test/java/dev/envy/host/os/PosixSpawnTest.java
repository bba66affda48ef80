package dev.envy.host.os;

import dev.envy.host.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PosixSpawnTest {

    private static final int ENOENT = 2;

    @Test
    void spawnsInANewSessionWithTheGivenDirectoryEnvironmentAndOutput(@TempDir Path dir) throws Exception {
        assertTrue(PosixSpawn.supported(), "glibc 2.34 or later");
        int[] pipe = Native.pipe(false);
        long pid;
        try {
            pid = PosixSpawn.spawn(List.of("/bin/sh", "-c", "echo \"$GREETING\"; pwd; echo oops >&2; exit 3"),
                    Map.of("GREETING", "hello there"), dir.toString(), pipe[1]);
        } finally {
            Native.close(pipe[1]);
        }
        String output = readAll(pipe[0]);
        assertEquals("hello there\n" + dir.toRealPath() + "\noops\n", output);
        Native.WaitStatus status = reap(pid);
        assertEquals(new Native.WaitStatus((int) pid, 3, 0), status);
    }

    @Test
    void theChildLeadsItsOwnSession() throws Exception {
        int[] pipe = Native.pipe(false);
        long pid;
        try {
            pid = PosixSpawn.spawn(List.of("/bin/sh", "-c", "read line"), Map.of(), "/", pipe[1]);
        } finally {
            Native.close(pipe[1]);
        }
        try {
            assertEquals(pid, ProcStat.sessionId(pid).orElseThrow());
            assertEquals(pid, ProcStat.pgid(pid).orElseThrow());
            assertEquals("", readAll(pipe[0]));
            assertEquals(new Native.WaitStatus((int) pid, 1, 0), reap(pid), "stdin is /dev/null: read fails at once");
        } finally {
            Native.kill(pid, 9);
        }
    }

    @Test
    void aMissingProgramReportsENOENT() {
        int[] pipe = Native.pipe(false);
        try {
            Native.NativeException e = assertThrows(Native.NativeException.class,
                    () -> PosixSpawn.spawn(List.of("/no/such/program"), Map.of(), "/", pipe[1]));
            assertEquals(ENOENT, e.errno());
        } finally {
            Native.close(pipe[0]);
            Native.close(pipe[1]);
        }
    }

    private static String readAll(int fd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(256);
            long n;
            while ((n = Native.read(fd, buffer)) != 0) {
                if (n > 0) {
                    out.write(buffer.asSlice(0, n).toArray(JAVA_BYTE), 0, (int) n);
                }
            }
        } finally {
            Native.close(fd);
        }
        return out.toString();
    }

    /** posix_spawn's children are ours to reap, not the JDK's. */
    private static Native.WaitStatus reap(long pid) {
        Native.WaitStatus[] status = new Native.WaitStatus[1];
        Await.until(Duration.ofSeconds(5), "child " + pid + " to exit", () -> {
            Optional<Native.WaitStatus> reaped = Native.waitpidNoHang(pid);
            reaped.ifPresent(s -> status[0] = s);
            return reaped.isPresent();
        });
        return status[0];
    }
}

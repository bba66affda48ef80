package dev.envy.daemon.activation;

import dev.envy.host.os.ProcStat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivationWatcherTest {

    ActivationWatcher watcher;
    Process child;

    @AfterEach
    void tearDown() {
        if (child != null) {
            child.destroyForcibly();
        }
        watcher.close();
    }

    static ActivationWatcher watcher(boolean pidfds) {
        ActivationWatcher w = new ActivationWatcher(pidfds);
        if (pidfds) {
            assertTrue(dev.envy.host.os.Native.pidfdSupported(), "this kernel has no pidfd_open");
        }
        return w;
    }

    @ParameterizedTest(name = "pidfds={0}")
    @ValueSource(booleans = {true, false})
    void firesPromptlyForAChildKilledWithSigkill(boolean pidfds) throws Exception {
        watcher = watcher(pidfds);
        child = new ProcessBuilder("sleep", "1000").start();
        long start = ProcStat.startTime(child.pid()).orElseThrow();
        CompletableFuture<Long> fired = new CompletableFuture<>();
        watcher.watch(child.pid(), start, () -> fired.complete(System.nanoTime()));
        assertFalse(fired.isDone(), "fired while the process was alive");
        long killedAt = System.nanoTime();
        child.destroyForcibly();
        long firedAt = fired.get(5, TimeUnit.SECONDS);
        long latencyMillis = TimeUnit.NANOSECONDS.toMillis(firedAt - killedAt);
        System.out.println("activation exit seen after " + latencyMillis + " ms (pidfds=" + pidfds + ")");
        // AC-4: within 250 ms with pidfds; the /proc fallback polls every 100 ms, so allow a loaded machine more
        long bound = pidfds ? 250 : 1000;
        assertTrue(latencyMillis < bound, "exit seen after " + latencyMillis + " ms");
    }

    @ParameterizedTest(name = "pidfds={0}")
    @ValueSource(booleans = {true, false})
    void firesAtOnceWhenTheStartTimeDoesNotMatch(boolean pidfds) throws Exception {
        watcher = watcher(pidfds);
        child = new ProcessBuilder("sleep", "1000").start();
        long start = ProcStat.startTime(child.pid()).orElseThrow();
        CompletableFuture<Void> fired = new CompletableFuture<>();
        watcher.watch(child.pid(), start + 1, () -> fired.complete(null));
        fired.get(2, TimeUnit.SECONDS);
        assertTrue(child.isAlive(), "the other process with that pid is left alone");
    }

    @ParameterizedTest(name = "pidfds={0}")
    @ValueSource(booleans = {true, false})
    void firesAtOnceForAPidThatIsGone(boolean pidfds) throws Exception {
        watcher = watcher(pidfds);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(5, TimeUnit.SECONDS);
        CompletableFuture<Void> fired = new CompletableFuture<>();
        watcher.watch(gone.pid(), 0, () -> fired.complete(null));
        fired.get(2, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "pidfds={0}")
    @ValueSource(booleans = {true, false})
    void aCancelledWatchNeverFiresAndOthersStillDo(boolean pidfds) throws Exception {
        watcher = watcher(pidfds);
        child = new ProcessBuilder("sleep", "1000").start();
        Process other = new ProcessBuilder("sleep", "1000").start();
        try {
            CompletableFuture<Void> cancelledFired = new CompletableFuture<>();
            CompletableFuture<Void> otherFired = new CompletableFuture<>();
            watcher.watch(child.pid(), 0, () -> cancelledFired.complete(null)).cancel();
            watcher.watch(other.pid(), 0, () -> otherFired.complete(null));
            child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            other.destroyForcibly();
            otherFired.get(5, TimeUnit.SECONDS);
            assertFalse(cancelledFired.isDone());
        } finally {
            other.destroyForcibly();
        }
    }
}

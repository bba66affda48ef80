package dev.envy.daemon.process;

import dev.envy.core.manifest.Signal;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ExitStatusTest {

    @Test
    void shellStatusesAbove128MapToSignalsOnlyInTheSignalRange() {
        assertEquals(ExitStatus.code(0), ExitStatus.fromShellStatus(0));
        assertEquals(ExitStatus.code(127), ExitStatus.fromShellStatus(127));
        assertEquals(ExitStatus.code(128), ExitStatus.fromShellStatus(128));
        assertEquals(ExitStatus.killedBy(Signal.HUP), ExitStatus.fromShellStatus(129));
        assertEquals(ExitStatus.killedBy(Signal.KILL), ExitStatus.fromShellStatus(137));
        assertEquals(Optional.of("RT30"), ExitStatus.fromShellStatus(128 + 64).signal().map(Signal::name));
        assertEquals(ExitStatus.code(200), ExitStatus.fromShellStatus(200));
        assertEquals(ExitStatus.code(255), ExitStatus.fromShellStatus(255));
    }

    @Test
    void exactlyOneOfCodeAndSignal() {
        assertThrows(IllegalArgumentException.class, () -> new ExitStatus(-1, Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new ExitStatus(0, Optional.of(Signal.TERM)));
        assertEquals("SIGTERM", ExitStatus.killedBy(Signal.TERM).describe());
        assertEquals("exit 3", ExitStatus.code(3).describe());
    }
}

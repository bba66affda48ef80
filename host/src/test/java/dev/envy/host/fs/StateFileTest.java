package dev.envy.host.fs;

import dev.envy.core.lifecycle.Effect;
import dev.envy.core.manifest.Signal;
import dev.envy.core.manifest.Stop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StateFileTest {

    @TempDir
    Path dir;

    private static Effect.LiveProcess process(String service, long pid, long startTime, Signal signal,
                                              long timeoutMillis) {
        return new Effect.LiveProcess(service, pid, startTime,
                new Stop(signal, Duration.ofMillis(timeoutMillis), Optional.empty()), ".", Map.of());
    }

    @Test
    void eachWriteReplacesTheRecordWholeAndLeavesNoTempFile() throws Exception {
        StateFile file = new StateFile(dir.resolve("state.json"));
        assertEquals(StateFile.State.EMPTY, file.read());

        StateFile.State first = new StateFile.State(
                List.of(process("web", 100, 5000, Signal.TERM, 10_000)), List.of());
        file.write(first);
        assertEquals(first, file.read());

        StateFile.State second = new StateFile.State(
                List.of(process("web", 100, 5000, Signal.TERM, 10_000),
                        process("db", 200, 6000, Signal.INT, 3_000)),
                List.of(new Effect.Activation(300, 7000)));
        file.write(second);
        assertEquals(second, file.read());

        file.write(StateFile.State.EMPTY);
        assertEquals(StateFile.State.EMPTY, file.read());
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("state.json")), listing.toList());
        }
    }

    @Test
    void CS_8_aShutdownCommandIsRecordedWithItsWorkingDirAndEnvironment() throws Exception {
        StateFile file = new StateFile(dir.resolve("state.json"));
        StateFile.State state = new StateFile.State(List.of(new Effect.LiveProcess("pg", 100, 5000,
                new Stop(Signal.TERM, Duration.ofSeconds(30), Optional.of("pg_ctl stop -D \"$PGDATA\"")), "db",
                Map.of("PGDATA", "/srv/pg data", "ENVY_SERVICE", "pg"))), List.of());
        file.write(state);
        assertEquals(state, file.read());
    }

    @Test
    void membersAnOlderDaemonDidNotWriteReadAsTheManifestsDefaults() throws Exception {
        Files.writeString(dir.resolve("state.json"), "{\"version\":1,\"processes\":[{\"service\":\"db\",\"pid\":10,"
                + "\"startTime\":1000}],\"activations\":[]}");
        assertEquals(List.of(new Effect.LiveProcess("db", 10, 1000, Stop.DEFAULT, ".", Map.of())),
                new StateFile(dir.resolve("state.json")).read().processes());
    }
}

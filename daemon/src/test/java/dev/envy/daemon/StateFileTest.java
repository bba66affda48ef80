package dev.envy.daemon;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StateFileTest {

    @TempDir
    Path dir;

    @Test
    void eachWriteReplacesTheRecordWholeAndLeavesNoTempFile() throws Exception {
        StateFile file = new StateFile(dir.resolve("state.json"));
        assertEquals(StateFile.State.EMPTY, file.read());

        StateFile.State first = new StateFile.State(
                List.of(new StateFile.Process("web", 100, 5000, 15, 10_000)), List.of());
        file.write(first);
        assertEquals(first, file.read());

        StateFile.State second = new StateFile.State(
                List.of(new StateFile.Process("web", 100, 5000, 15, 10_000),
                        new StateFile.Process("db", 200, 6000, 2, 3_000)),
                List.of(new StateFile.Activation(300, 7000)));
        file.write(second);
        assertEquals(second, file.read());

        file.write(StateFile.State.EMPTY);
        assertEquals(StateFile.State.EMPTY, file.read());
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("state.json")), listing.toList());
        }
    }
}

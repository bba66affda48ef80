package dev.envy.daemon;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import com.eclipsesource.json.ParseException;
import dev.envy.host.os.Native;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code state.json} in the runtime dir: what a successor needs after this daemon is killed with SIGKILL (CS-8) —
 * each live service process group (pid = pgid, start time against pid reuse, how to stop it) and the registered
 * activations. Written atomically so a reader never sees half a file: a temp file swapped in with one
 * {@code renameat2(RENAME_EXCHANGE)} (the first time, and where that call is missing, renamed into place). The swap
 * matters for speed: the daemon writes this file on its event loop after every change of its processes, and a
 * rename over an existing file costs ext4 a writeback of 5-35 ms (see {@link Native#renameExchange}).
 */
public final class StateFile {
    private final Path file;

    public StateFile(Path file) {
        this.file = file;
    }

    /** One service process group as recorded. */
    public record Process(String service, long pid, long startTime, int stopSignal, long stopTimeoutMillis) {}

    /** One registered activation as recorded. */
    public record Activation(long pid, long startTime) {}

    /** The whole record. */
    public record State(List<Process> processes, List<Activation> activations) {
        public static final State EMPTY = new State(List.of(), List.of());

        public State {
            processes = List.copyOf(processes);
            activations = List.copyOf(activations);
        }
    }

    public Path path() {
        return file;
    }

    public void write(State state) throws IOException {
        JsonArray processes = new JsonArray();
        for (Process p : state.processes()) {
            processes.add(Json.object().add("service", p.service()).add("pid", p.pid())
                    .add("startTime", p.startTime()).add("stopSignal", p.stopSignal())
                    .add("stopTimeoutMillis", p.stopTimeoutMillis()));
        }
        JsonArray activations = new JsonArray();
        for (Activation a : state.activations()) {
            activations.add(Json.object().add("pid", a.pid()).add("startTime", a.startTime()));
        }
        String json = Json.object().add("version", 1).add("processes", processes).add("activations", activations)
                .toString();
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, json, StandardCharsets.UTF_8);
        if (Native.renameExchange(temp, file)) {
            Files.delete(temp); // the previous record, swapped out
            return;
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** What the file records; {@link State#EMPTY} when there is none or it cannot be understood. */
    public State read() throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return State.EMPTY;
        }
        try {
            JsonValue value = Json.parse(text);
            if (!value.isObject()) {
                return State.EMPTY;
            }
            JsonObject o = value.asObject();
            List<Process> processes = new ArrayList<>();
            for (JsonValue v : array(o, "processes")) {
                JsonObject p = v.asObject();
                processes.add(new Process(p.getString("service", "?"), p.getLong("pid", -1),
                        p.getLong("startTime", -1), p.getInt("stopSignal", 15),
                        p.getLong("stopTimeoutMillis", 10_000)));
            }
            List<Activation> activations = new ArrayList<>();
            for (JsonValue v : array(o, "activations")) {
                JsonObject a = v.asObject();
                activations.add(new Activation(a.getLong("pid", -1), a.getLong("startTime", -1)));
            }
            return new State(processes, activations);
        } catch (ParseException | UnsupportedOperationException e) {
            return State.EMPTY;
        }
    }

    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    private static JsonArray array(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v != null && v.isArray() ? v.asArray() : new JsonArray();
    }
}

package dev.envy.host.fs;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import com.eclipsesource.json.ParseException;
import dev.envy.core.lifecycle.Effect;
import dev.envy.core.manifest.Signal;
import dev.envy.core.manifest.Stop;
import dev.envy.host.os.Native;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code state.json} in the runtime dir: what a successor needs after this daemon is killed with SIGKILL (CS-8) —
 * each live service process group (pid = pgid, start time against pid reuse, and how to stop it: its stop signal and
 * timeout, or its shutdown command with the working dir and environment that runs with) and the registered
 * activations. A member a file of an older daemon lacks reads as the manifest's default. Written atomically so a reader never sees half a file: a temp file swapped in with one
 * {@code renameat2(RENAME_EXCHANGE)} (the first time, and where that call is missing, renamed into place). The swap
 * matters for speed: the daemon writes this file on its event loop after every change of its processes, and a
 * rename over an existing file costs ext4 a writeback of 5-35 ms (see {@link Native#renameExchange}).
 */
public final class StateFile {
    private final Path file;

    public StateFile(Path file) {
        this.file = file;
    }

    /** The whole record. */
    public record State(List<Effect.LiveProcess> processes, List<Effect.Activation> activations) {
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
        for (Effect.LiveProcess p : state.processes()) {
            JsonObject o = Json.object().add("service", p.service()).add("pid", p.pid())
                    .add("startTime", p.startTime()).add("stopSignal", p.stop().signal().number())
                    .add("stopTimeoutMillis", p.stop().timeout().toMillis()).add("workingDir", p.workingDir());
            p.stop().shutdownCommand().ifPresent(command -> {
                JsonObject environment = new JsonObject();
                p.environment().forEach(environment::add);
                o.add("shutdownCommand", command).add("environment", environment);
            });
            processes.add(o);
        }
        JsonArray activations = new JsonArray();
        for (Effect.Activation a : state.activations()) {
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
            List<Effect.LiveProcess> processes = new ArrayList<>();
            for (JsonValue v : array(o, "processes")) {
                processes.add(process(v.asObject()));
            }
            List<Effect.Activation> activations = new ArrayList<>();
            for (JsonValue v : array(o, "activations")) {
                JsonObject a = v.asObject();
                activations.add(new Effect.Activation(a.getLong("pid", -1), a.getLong("startTime", -1)));
            }
            return new State(processes, activations);
        } catch (ParseException | UnsupportedOperationException e) {
            return State.EMPTY;
        }
    }

    private static Effect.LiveProcess process(JsonObject p) {
        Stop stop = new Stop(Signal.ofNumber(p.getInt("stopSignal", Stop.DEFAULT.signal().number()))
                .orElse(Stop.DEFAULT.signal()),
                Duration.ofMillis(p.getLong("stopTimeoutMillis", Stop.DEFAULT.timeout().toMillis())),
                Optional.ofNullable(p.getString("shutdownCommand", null)));
        Map<String, String> environment = new LinkedHashMap<>();
        JsonValue env = p.get("environment");
        if (env != null && env.isObject()) {
            for (JsonObject.Member m : env.asObject()) {
                environment.put(m.getName(), m.getValue().asString());
            }
        }
        return new Effect.LiveProcess(p.getString("service", "?"), p.getLong("pid", -1), p.getLong("startTime", -1),
                stop, p.getString("workingDir", "."), environment);
    }

    public void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    private static JsonArray array(JsonObject o, String name) {
        JsonValue v = o.get(name);
        return v != null && v.isArray() ? v.asArray() : new JsonArray();
    }
}

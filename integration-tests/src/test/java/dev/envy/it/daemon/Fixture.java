package dev.envy.it.daemon;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import dev.envy.it.support.Await;
import dev.envy.it.support.Run;
import dev.envy.it.support.TestProject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Shared fixtures of the daemon's integration tests: manifests built from small recording services, status read as
 * JSON, the daemon's pid from daemon.json, process liveness. Services record to {@code $RECORD}:
 * {@code start NAME}, {@code stop NAME}, so order is asserted from the file, never from timing.
 */
final class Fixture {
    static final Duration DEADLINE = Duration.ofSeconds(60);

    private Fixture() {
    }

    /**
     * A service that records {@code start NAME}, runs until signalled and records {@code stop NAME} on TERM or INT.
     * {@code extra} is more TOML keys for the service (one per line).
     */
    static String service(String name, String... extra) {
        return custom(name, "./svc.sh", extra);
    }

    /** A service running {@code command} (TOML literal string: no single quotes) instead of the recording script. */
    static String custom(String name, String command, String... extra) {
        StringBuilder toml = new StringBuilder("\n[services." + name + "]\ncommand = '" + command + "'\n");
        for (String line : extra) {
            toml.append(line).append('\n');
        }
        return toml.toString();
    }

    /**
     * The recording service script every fixture project has ({@code ./svc.sh}). The trap is set before the start is
     * recorded, so every recorded start of a process that is stopped has its recorded stop.
     */
    static final String SVC = """
            #!/bin/bash
            trap 'echo "stop $ENVY_SERVICE" >> "$RECORD"; exit 0' TERM INT
            echo "start $ENVY_SERVICE" >> "$RECORD"
            echo "$ENVY_SERVICE is up"
            sleep 1000 &
            wait
            """;

    /** A readiness check for {@link #SVC}: it passes once the service has recorded its start. */
    static final String UP_BY_LOG = "readiness.log = \"is up$\"";

    /** A project whose envy.toml holds {@code services} (TOML) and whose {@code ./svc.sh} is {@link #SVC}. */
    static TestProject project(dev.envy.it.support.Projects projects, String... services) {
        TestProject p = projects.withManifest("version = 1\n" + String.join("", services));
        p.writeFile("svc.sh", SVC);
        return p;
    }

    /** {@code envy up -d}, asserted to succeed. */
    static Run up(TestProject p) {
        return p.run("up", "-d").assertOk();
    }

    /** Every service of {@code envy services status --json}, by name. */
    static Map<String, JsonObject> status(TestProject p) {
        Run run = p.run("services", "status", "--json").assertOk();
        JsonObject o = Json.parse(run.stdout()).asObject();
        Map<String, JsonObject> byName = new LinkedHashMap<>();
        for (JsonValue v : o.get("services").asArray()) {
            byName.put(v.asObject().getString("name", "?"), v.asObject());
        }
        return byName;
    }

    static JsonObject statusOf(TestProject p, String service) {
        JsonObject s = status(p).get(service);
        if (s == null) {
            fail("status has no service " + service);
        }
        return s;
    }

    static String state(TestProject p, String service) {
        return statusOf(p, service).getString("status", "?");
    }

    /** The pid status shows for {@code service} (also remembered as a process group the test owns). */
    static long pid(TestProject p, String service) {
        JsonValue pid = statusOf(p, service).get("pid");
        if (pid == null || pid.isNull()) {
            fail(service + " has no pid: " + statusOf(p, service));
        }
        p.ownProcessGroup(pid.asLong());
        return pid.asLong();
    }

    static void awaitState(TestProject p, String service, String state) {
        Await.until(service + " to be " + state, DEADLINE, () -> state.equals(state(p, service)));
    }

    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    static void awaitGone(long pid, String what) {
        Await.until(what + " (pid " + pid + ") to exit", DEADLINE, () -> !alive(pid));
    }

    /** The environment's runtime dir (the one subdirectory of the project's ENVY_RUNTIME_DIR). */
    static Optional<Path> environmentDir(TestProject p) {
        try (Stream<Path> dirs = Files.list(p.runtimeDir())) {
            return dirs.filter(Files::isDirectory).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The live daemon's pid from daemon.json. */
    static long daemonPid(TestProject p) {
        return Await.value("daemon.json to name the daemon", DEADLINE, () -> environmentDir(p)
                .map(d -> d.resolve("daemon.json")).filter(Files::exists).flatMap(f -> {
                    try {
                        return Optional.of(Json.parse(Files.readString(f)).asObject().getLong("pid", -1));
                    } catch (IOException | RuntimeException e) {
                        return Optional.empty();
                    }
                }));
    }

    /** CS-12: the pid of the daemon's guardian, as daemon.log gives it (the daemon starts it beside its own start). */
    static long guardianPid(TestProject p) {
        return Await.value("daemon.log to name the guardian", DEADLINE, () -> {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("guardian started: pid (\\d+)")
                    .matcher(daemonLog(p));
            Long pid = null;
            while (m.find()) {
                pid = Long.parseLong(m.group(1));
            }
            return Optional.ofNullable(pid);
        });
    }

    static Path socket(TestProject p) {
        return environmentDir(p).orElseThrow(() -> new AssertionError("no runtime dir yet")).resolve("daemon.sock");
    }

    /** The lines recorded so far that start with {@code prefix}. */
    static List<String> recorded(TestProject p, String prefix) {
        return p.records().stream().filter(l -> l.startsWith(prefix)).toList();
    }

    /**
     * The records starting with {@code prefix}, once there are at least {@code count} of them. A service without a
     * readiness check is "running" as soon as it is spawned, before its script has written its first record, so a
     * reply to start/restart does not mean the record is there yet.
     */
    static List<String> awaitRecorded(TestProject p, String prefix, int count) {
        Await.until(count + " records starting with \"" + prefix + "\" (have " + p.records() + ")", DEADLINE,
                () -> recorded(p, prefix).size() >= count);
        return recorded(p, prefix);
    }

    /**
     * That envy spawned service {@code first} before {@code then}, from the daemon log's {@code spawned NAME pid}
     * lines. For a {@code started} dependency this is the order to assert: both are running once the second is
     * spawned, so which of the two records its start first in {@code $RECORD} is up to the scheduler.
     */
    static void assertSpawnedBefore(TestProject p, String first, String then) {
        List<String> log;
        try {
            log = Files.readAllLines(p.log("daemon"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int a = indexOfPrefix(log, "spawned " + first + " pid ");
        int b = indexOfPrefix(log, "spawned " + then + " pid ");
        assertTrue(a >= 0 && b >= 0 && a < b, "expected " + first + " spawned before " + then + " in the daemon log");
    }

    private static int indexOfPrefix(List<String> log, String text) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).contains(" INFO " + text)) {
                return i;
            }
        }
        return -1;
    }

    /** Asserts {@code first} was recorded before {@code then}. */
    static void assertRecordedBefore(TestProject p, String first, String then) {
        List<String> r = p.records();
        int a = r.indexOf(first);
        int b = r.indexOf(then);
        assertTrue(a >= 0 && b >= 0 && a < b, "expected '" + first + "' before '" + then + "' in " + r);
    }

    static String output(Run run) {
        return run.stdout() + run.stderr();
    }

    static String daemonLog(TestProject p) {
        try {
            return Files.readString(p.log("daemon"));
        } catch (IOException e) {
            return "";
        }
    }
}

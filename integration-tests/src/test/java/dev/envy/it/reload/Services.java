package dev.envy.it.reload;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import dev.envy.it.support.Await;
import dev.envy.it.support.Projects;
import dev.envy.it.support.TestProject;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.fail;

/** Fixture services for the reload and logs tests: each records {@code start NAME}, prints lines, runs until stopped. */
final class Services {
    static final Duration DEADLINE = Duration.ofSeconds(60);

    static final String SVC = """
            #!/bin/bash
            echo "start $ENVY_SERVICE" >> "$RECORD"
            trap 'echo "stop $ENVY_SERVICE" >> "$RECORD"; exit 0' TERM INT
            for i in 1 2 3 4 5; do echo "$ENVY_SERVICE line $i"; done
            sleep 1000 &
            wait
            """;

    private Services() {
    }

    /** {@code [services.NAME]} running the fixture script, with more TOML keys (one per line). */
    static String service(String name, String... extra) {
        StringBuilder toml = new StringBuilder("\n[services." + name + "]\ncommand = './svc.sh'\n");
        for (String line : extra) {
            toml.append(line).append('\n');
        }
        return toml.toString();
    }

    static TestProject project(Projects projects, String... services) {
        TestProject p = projects.withManifest("version = 1\n" + String.join("", services));
        p.writeFile("svc.sh", SVC);
        return p;
    }

    static String manifest(String... services) {
        return "version = 1\n" + String.join("", services);
    }

    static Optional<JsonObject> status(TestProject p, String service) {
        JsonObject o = Json.parse(p.run("services", "status", "--json").assertOk().stdout()).asObject();
        for (JsonValue v : o.get("services").asArray()) {
            if (service.equals(v.asObject().getString("name", ""))) {
                return Optional.of(v.asObject());
            }
        }
        return Optional.empty();
    }

    /** The pid of a running service (remembered as a process group the test owns). */
    static long pid(TestProject p, String service) {
        JsonObject s = status(p, service).orElseThrow(() -> new AssertionError("status has no " + service));
        JsonValue pid = s.get("pid");
        if (pid == null || pid.isNull() || pid.asLong() <= 0) {
            fail(service + " has no pid: " + s);
        }
        p.ownProcessGroup(pid.asLong());
        return pid.asLong();
    }

    static void awaitRunning(TestProject p, String service) {
        Await.until(service + " to be running", DEADLINE, () -> status(p, service)
                .map(s -> s.getString("status", "")).filter("running"::equals).isPresent());
    }
}

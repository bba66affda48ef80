package dev.envy.it.activate;

import dev.envy.it.support.Await;
import dev.envy.it.support.TestProject;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Fixture services that record "start NAME" and "stop NAME" to {@code $RECORD}, and checks over that record. */
final class Fixtures {
    static final Duration DEADLINE = Duration.ofSeconds(90);

    private Fixtures() {
    }

    /** A service that records its start, waits, and records its stop on SIGTERM (after {@code stopDelay}). */
    static String service(String name, String stopDelay, String... dependsOn) {
        String delay = stopDelay.isEmpty() ? "" : "sleep " + stopDelay + "; ";
        return "[services." + name + "]\n"
                + "command = '''trap '" + delay + "echo \"stop " + name + "\" >> \"$RECORD\"; exit 0' TERM; "
                + "echo \"start " + name + "\" >> \"$RECORD\"; echo up; sleep 100000 & wait'''\n"
                // ready only once the start is recorded: replies, and dependents, never outrun the record file
                + "readiness.log = \"^up$\"\n"
                + (dependsOn.length == 0 ? "" : "depends-on = [" + String.join(", ",
                List.of(dependsOn).stream().map(d -> "\"" + d + "\"").toList()) + "]\n")
                + "\n";
    }

    /** db ← api ← web: started in that order, stopped in reverse. */
    static String chain() {
        return service("db", "") + service("api", "", "db") + service("web", "", "api");
    }

    static final List<String> CHAIN_UP = List.of("start db", "start api", "start web");
    static final List<String> CHAIN_DOWN = List.of("stop web", "stop api", "stop db");

    /**
     * Waits until the daemon and every service of {@code project} have gone. The terminals' own shells also carry
     * the project's variables, so only the daemon ({@code --project DIR}) and services ({@code ENVY_SERVICE}) count.
     */
    static void awaitNothingLeft(TestProject project) {
        Await.until("no daemon or service of " + project.dir() + " left (have " + daemonAndServices(project) + ")",
                DEADLINE, () -> daemonAndServices(project).isEmpty());
    }

    static List<Long> daemonAndServices(TestProject project) {
        return project.leftovers().stream().filter(pid -> {
            String cmd = ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).orElse("");
            if (cmd.contains("--project")) {
                return true;
            }
            try {
                String environ = new String(Files.readAllBytes(java.nio.file.Path.of("/proc", Long.toString(pid), "environ")),
                        java.nio.charset.StandardCharsets.UTF_8);
                return java.util.Arrays.stream(environ.split("\0")).anyMatch(v -> v.startsWith("ENVY_SERVICE="));
            } catch (IOException e) {
                return false;
            }
        }).toList();
    }

    /** Waits until the record holds exactly {@code events} (in order). */
    static void awaitRecords(TestProject project, List<String> events) {
        Await.until("the record to be " + events + " (have " + project.records() + ")", DEADLINE,
                () -> project.records().equals(events));
    }

    /** Waits for a line containing {@code text} in the daemon's log. */
    static void awaitDaemonLog(TestProject project, String text) {
        Await.until("\"" + text + "\" in " + project.log("daemon"), DEADLINE, () -> {
            try {
                return Files.exists(project.log("daemon")) && Files.readString(project.log("daemon")).contains(text);
            } catch (IOException e) {
                return false;
            }
        });
    }

    /**
     * AC-5's invariant over a record: no service is started twice without a stop in between, and every start has
     * been followed by its stop at the end.
     */
    static void assertEachStartStoppedOnce(List<String> records) {
        Map<String, Integer> up = new HashMap<>();
        for (String event : records) {
            String[] parts = event.split(" ", 2);
            int now = up.merge(parts[1], parts[0].equals("start") ? 1 : -1, Integer::sum);
            if (now < 0 || now > 1) {
                throw new AssertionError("service " + parts[1] + " was " + (now > 1 ? "started twice" : "stopped twice")
                        + " at \"" + event + "\" in " + records);
            }
        }
        up.forEach((service, count) -> {
            if (count != 0) {
                throw new AssertionError("service " + service + " was left running: " + records);
            }
        });
    }
}

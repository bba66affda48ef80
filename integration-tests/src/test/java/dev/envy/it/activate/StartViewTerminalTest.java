package dev.envy.it.activate;

import dev.envy.it.support.Await;
import dev.envy.it.support.Projects;
import dev.envy.it.support.TestProject;
import dev.envy.it.support.Tmux;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ST-4 on a real terminal (tmux): while `envy up --no-tui` waits for a readiness check, the service's line counts the seconds
 * and says what it waits for; once ready the count goes.
 */
class StartViewTerminalTest {
    @RegisterExtension
    final Projects projects = new Projects();

    private static final Pattern COUNTING = Pattern.compile("○ api  starting (\\d+)s \\(waiting up to 90s for `test -f go` to succeed\\)");

    @Test
    void ST_4_aReadinessWaitShowsHowLongItHasLastedAndWhatItWaitsFor() throws Exception {
        TestProject project = projects.withManifest("""
                [services.api]
                command = "exec sleep 1000"
                readiness.command = "test -f go"
                readiness.timeout = "90s"

                [services.web]
                command = "exec sleep 1000"
                depends-on = ["api"]
                """);
        ShellKind.BASH.writeUserRc(project);
        try (Tmux tmux = new Tmux(project.home(), ShellKind.BASH.terminalEnv(project))) {
            tmux.open("t", project.dir(), "exec /usr/bin/bash -i");
            tmux.expect("t", "bash$ ");
            tmux.type("t", ShellKind.envy() + " up --no-tui"); // the start lines; without it, the live view (TV-1)

            int first = seconds(tmux, 1);
            int later = seconds(tmux, first + 2);
            assertTrue(later > first, "the count goes on: " + first + "s, then " + later + "s");
            assertTrue(tmux.screen("t").contains("○ web  waiting"), tmux.screen("t"));
            Files.writeString(project.dir().resolve("go"), "");
            tmux.expect("t", "● api  running (ready)");
            tmux.expect("t", "envy: services up; Ctrl-C stops them");
            assertFalse(COUNTING.matcher(tmux.screen("t")).find(), "no count once ready: " + tmux.screen("t"));

            tmux.typeKeys("t", "C-c");
            tmux.expect("t", "api: stopped");
        }
    }

    /** Waits until api's line shows at least {@code atLeast} seconds; the count shown. */
    private static int seconds(Tmux tmux, int atLeast) {
        try {
            return Await.value("api's line to count " + atLeast + "s or more", Tmux.DEADLINE, () -> {
                Matcher m = COUNTING.matcher(tmux.screen("t"));
                int shown = -1;
                while (m.find()) {
                    shown = Integer.parseInt(m.group(1));
                }
                return shown >= atLeast ? java.util.Optional.of(shown) : java.util.Optional.empty();
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the screen:\n" + tmux.screen("t"), e);
        }
    }
}

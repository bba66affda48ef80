package dev.envy.daemon.loop;

import dev.envy.core.protocol.ServiceView;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** WT-1: daemon.log says a burst of watched changes in one line, with what it restarts. */
class WatchBurstsTest {
    private final WatchBursts bursts = new WatchBursts();

    private static ServiceView view(String name, String status, String message) {
        return new ServiceView(name, status, status.equals("running"), 100, 0, 0, 0, -1, null, message);
    }

    private static final List<ServiceView> RUNNING = List.of(view("api", "running", null), view("web", "running", null),
            view("db", "running", null));

    private void burst(String service, String... paths) {
        for (String path : paths) {
            assertEquals(Optional.empty(), bursts.changed(service, path, true, Optional.of("running")));
        }
    }

    @Test
    void WT_1_aBurstIsOneLineNamingThePathsTheirCountAndWhatRestartsWithTheService() {
        burst("api", "src/a.py", "src/b.py", "src/a.py", "src/c.py", "src/d.py", "src/e.py");
        List<ServiceView> after = List.of(view("api", "stopping", "restarting: a watched file changed"),
                view("web", "stopping", "restarting: api restarted"), view("db", "running", null));

        assertEquals(Optional.of("api: 5 watched paths changed (src/a.py, src/b.py, src/c.py and 2 more);"
                + " restarting api, and with it web (depends-on api with restart = true)"),
                bursts.settled("api", RUNNING, after));
        assertEquals(Optional.empty(), bursts.settled("api", RUNNING, after), "a burst is said once");
    }

    @Test
    void WT_1_oneChangeIsNamedAsSuchAndAFailedServiceIsStartedAgain() {
        burst("api", "config.toml");
        List<ServiceView> before = List.of(view("api", "failed", "exited with code 1"));
        List<ServiceView> after = List.of(view("api", "waiting", null));

        assertEquals(Optional.of("api: watched path config.toml changed; starting api"),
                bursts.settled("api", before, after));
    }

    @Test
    void WT_1_aBurstThatEndsWhenTheServiceWasStoppedMeanwhileSaysNothingRestarts() {
        burst("api", "src/a.py", "src/b.py");
        List<ServiceView> stopped = List.of(view("api", "stopped", null));

        assertEquals(Optional.of("api: 2 watched paths changed (src/a.py, src/b.py); nothing restarts"
                + " (api is stopped)"), bursts.settled("api", stopped, stopped));
    }

    @Test
    void WT_1_changesLeftAloneAreSaidOncePerStatus() {
        assertEquals(Optional.of("api: watched path src/a.py changed; nothing restarts (api is stopped)"),
                bursts.changed("api", "src/a.py", false, Optional.of("stopped")));
        assertEquals(Optional.empty(), bursts.changed("api", "src/b.py", false, Optional.of("stopped")));
        assertEquals(Optional.of("api: watched path src/c.py changed; nothing restarts (api is blocked)"),
                bursts.changed("api", "src/c.py", false, Optional.of("blocked")));
        burst("api", "src/d.py"); // it runs again: a burst; then stopped again, said again
        bursts.settled("api", RUNNING, RUNNING);
        assertEquals(Optional.of("api: watched path src/e.py changed; nothing restarts (api is stopped)"),
                bursts.changed("api", "src/e.py", false, Optional.of("stopped")));
    }

    @Test
    void aChangeWhileABurstsTimerRunsJoinsThatBurst() {
        burst("api", "src/a.py");
        assertEquals(Optional.empty(), bursts.changed("api", "src/b.py", false, Optional.of("stopping")));
        assertEquals(Optional.of("api: 2 watched paths changed (src/a.py, src/b.py); restarting api"),
                bursts.settled("api", RUNNING, List.of(view("api", "stopping", "restarting: a watched file changed"),
                        view("web", "running", null), view("db", "running", null))));
    }
}

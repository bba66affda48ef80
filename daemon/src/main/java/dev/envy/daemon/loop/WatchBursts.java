package dev.envy.daemon.loop;

import dev.envy.core.protocol.ServiceView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * WT-1 in daemon.log: one line per burst of changes under a service's watched paths, said when the burst is over and
 * the supervisor has decided what it does — what changed, how many paths, and which services restart (the watching
 * one, and those that restart with it, RS-9) — rather than a line per inotify event. A change the supervisor leaves
 * alone (the service is stopped, blocked, never started, on its way up or down) is said once, and not again while
 * the service stays in that status.
 */
final class WatchBursts {
    /** Paths named in a line; the rest are counted. */
    static final int NAMED = 3;
    /** Distinct paths remembered per burst (a checkout of a large tree); beyond it changes are counted, not named. */
    static final int REMEMBERED = 10_000;

    private static final class Burst {
        final Set<String> paths = new LinkedHashSet<>();
        long beyond;

        void add(String path) {
            if (paths.size() < REMEMBERED) {
                paths.add(path);
            } else if (!paths.contains(path)) {
                beyond++;
            }
        }

        long count() {
            return paths.size() + beyond;
        }
    }

    private final Map<String, Burst> bursts = new HashMap<>();
    /** The status a service had when a change to it was last left alone and said so. */
    private final Map<String, String> leftAlone = new HashMap<>();

    /**
     * A change at {@code path} for {@code service}: {@code debounced} when the supervisor (re)started the burst's
     * timer. Returns the line to log for a change it left alone ({@code status}: the service's status word, empty
     * when it has no watch or does not exist), once per status.
     */
    Optional<String> changed(String service, String path, boolean debounced, Optional<String> status) {
        Burst burst = bursts.get(service);
        if (debounced || burst != null) { // a burst whose timer still runs takes it, even if this change did not count
            bursts.computeIfAbsent(service, s -> new Burst()).add(path);
            leftAlone.remove(service);
            return Optional.empty();
        }
        String word = status.orElse("");
        if (word.equals(leftAlone.get(service))) {
            return Optional.empty();
        }
        leftAlone.put(service, word);
        return Optional.of(service + ": watched path " + path + " changed; nothing restarts"
                + (word.isEmpty() ? "" : " (" + service + " is " + word + ")"));
    }

    /**
     * The burst of {@code service} is over: the line that says it, given every service's view before and after the
     * supervisor's decision; empty when no change was gathered.
     */
    Optional<String> settled(String service, List<ServiceView> before, List<ServiceView> after) {
        Burst burst = bursts.remove(service);
        if (burst == null) {
            return Optional.empty();
        }
        Map<String, ServiceView> was = new HashMap<>();
        before.forEach(v -> was.put(v.name(), v));
        List<String> touched = new ArrayList<>();
        for (ServiceView v : after) {
            if (!Objects.equals(was.get(v.name()), v)) {
                touched.add(v.name());
            }
        }
        StringBuilder line = new StringBuilder(service).append(": ").append(changes(burst)).append("; ");
        Optional<ServiceView> self = Optional.ofNullable(was.get(service));
        if (!touched.contains(service)) {
            line.append("nothing restarts").append(self.map(v -> " (" + service + " is " + v.status() + ")").orElse(""));
            return Optional.of(line.toString());
        }
        boolean again = self.map(v -> v.status().equals("failed") || v.status().equals("completed")).orElse(false);
        line.append(again ? "starting " : "restarting ").append(service);
        List<String> with = touched.stream().filter(n -> !n.equals(service)).toList();
        if (!with.isEmpty()) {
            line.append(", and with it ").append(String.join(", ", with))
                    .append(" (depends-on ").append(service).append(" with restart = true)");
        }
        return Optional.of(line.toString());
    }

    private static String changes(Burst burst) {
        List<String> named = burst.paths.stream().limit(NAMED).toList();
        long more = burst.count() - named.size();
        String list = String.join(", ", named) + (more > 0 ? " and " + more + " more" : "");
        return burst.count() == 1 ? "watched path " + list + " changed"
                : burst.count() + " watched paths changed (" + list + ")";
    }
}

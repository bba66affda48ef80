package dev.envy.core.manifest;

import dev.envy.core.manifest.ManifestDraft.Dependency;
import dev.envy.core.manifest.ManifestDraft.ServiceDraft;
import dev.envy.core.manifest.Section.Positioned;
import dev.envy.core.text.Suggest;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Normalises one {@code [services.NAME]} table: every key type-checked, every default filled in. */
final class ServiceReader {
    static final Set<String> KEYS = Set.of("command", "vars", "working-dir", "depends-on", "readiness", "restart",
            "restart-delay", "max-restarts", "stop-signal", "stop-timeout", "shutdown", "is-daemon", "autostart",
            "systems", "liveness", "watchdog", "watch", "watch-ignore", "watch-debounce", "ports");
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("cmd", "command"), Map.entry("exec", "command"), Map.entry("run", "command"),
            Map.entry("env", "vars"), Map.entry("environment", "vars"),
            Map.entry("workdir", "working-dir"), Map.entry("cwd", "working-dir"), Map.entry("dir", "working-dir"),
            Map.entry("working-directory", "working-dir"), Map.entry("working_dir", "working-dir"),
            Map.entry("depends", "depends-on"), Map.entry("requires", "depends-on"), Map.entry("after", "depends-on"),
            Map.entry("needs", "depends-on"), Map.entry("healthcheck", "readiness"), Map.entry("health", "readiness"),
            Map.entry("readiness-probe", "readiness"), Map.entry("restart-policy", "restart"),
            Map.entry("daemon", "is-daemon"), Map.entry("auto-start", "autostart"), Map.entry("signal", "stop-signal"),
            Map.entry("kill-signal", "stop-signal"), Map.entry("shutdown-command", "shutdown"),
            Map.entry("stop-command", "shutdown"), Map.entry("system", "systems"),
            Map.entry("liveness-probe", "liveness"), Map.entry("healthcheck-liveness", "liveness"),
            Map.entry("watchdog-sec", "watchdog"), Map.entry("watchdog-timeout", "watchdog"),
            Map.entry("watch-paths", "watch"), Map.entry("watch-exclude", "watch-ignore"),
            Map.entry("ignore", "watch-ignore"), Map.entry("debounce", "watch-debounce"),
            Map.entry("port", "ports"));
    /** RD-1, ST-5: {@code readiness.*}; {@code notify = false} is a switch that is no check, not a second one. */
    private static final CheckTable READINESS = new CheckTable("readiness",
            Set.of("command", "http", "tcp", "log", "notify", "interval", "timeout", "initial-delay"),
            Map.of("cmd", "command", "url", "http", "port", "tcp", "pattern", "log", "regex", "log",
                    "delay", "initial-delay", "period", "interval"),
            List.of("command", "http", "tcp", "log", "notify"), Optional.of("notify"),
            "use one of readiness.command, readiness.http, readiness.tcp, readiness.log",
            "keep exactly one of readiness.command, .http, .tcp, .log, .notify",
            "set one of readiness.command, readiness.http, readiness.tcp, readiness.log, readiness.notify");
    /** RD-3: {@code liveness.*}: a check that can be repeated, so no log pattern and no notify. */
    private static final CheckTable LIVENESS = new CheckTable("liveness",
            Set.of("command", "http", "tcp", "period", "timeout", "initial-delay", "failure-threshold"),
            Map.of("cmd", "command", "url", "http", "port", "tcp", "interval", "period", "delay", "initial-delay",
                    "threshold", "failure-threshold", "failures", "failure-threshold", "retries", "failure-threshold"),
            List.of("command", "http", "tcp"), Optional.empty(),
            "use one of liveness.command, liveness.http, liveness.tcp",
            "keep exactly one of liveness.command, .http, .tcp",
            "set one of liveness.command, liveness.http, liveness.tcp");

    /**
     * A sub-table that holds exactly one check of {@code kinds} beside its timing keys.
     *
     * @param offSwitch a boolean kind whose {@code false} means "no check of this kind", so neither a second check
     *                  nor a missing one
     * @param notATable the hint when the key is not a table
     * @param moreThanOne the hint when the table has two checks or more
     * @param none the hint when it has none (and no unknown key, which may have been meant as one)
     */
    private record CheckTable(String key, Set<String> keys, Map<String, String> aliases, List<String> kinds,
                              Optional<String> offSwitch, String notATable, String moreThanOne, String none) {}

    /** The table of a {@link CheckTable} that is there and is a table, with its one check if it has one. */
    private record CheckSection(Section table, Optional<Readiness.Check> check) {}

    private final Section section;
    private final String name;

    private ServiceReader(Section section, String name) {
        this.section = section;
        this.name = name;
    }

    static ServiceDraft read(String name, TomlTable table, TomlPosition position, Problems problems) {
        return new ServiceReader(new Section(table, "service '" + name + "'", "", problems), name).read(position);
    }

    private ServiceDraft read(TomlPosition position) {
        section.checkKeys(KEYS, ALIASES);
        String command = section.string("command").orElse("");
        if (!section.has("command")) {
            section.problems().add(position, "service '" + name + "' has no command",
                    "add command = \"...\" to [services." + name + "]");
        } else if (section.raw("command") instanceof String s && s.isBlank()) {
            section.invalid("command", "is empty", Optional.empty());
        }
        Map<String, String> vars = new LinkedHashMap<>();
        Optional<TomlTable> varsTable = section.subTable("vars", Optional.of("write vars = { NAME = \"value\" }"));
        if (varsTable.isPresent()) {
            for (Positioned.Entry e : section.child(varsTable.get(), "vars").stringEntries()) {
                vars.put(e.key(), e.value());
            }
        }
        String workingDir = section.string("working-dir").orElse("");
        workingDir = workingDir.isBlank() ? "." : workingDir;
        List<Dependency> dependencies = dependencies();
        Optional<Readiness> readiness = readiness();
        Restart restart = new Restart(restartPolicy(),
                section.duration("restart-delay", false).orElse(Restart.DEFAULT.delay()),
                section.integer("max-restarts", 0, 1_000_000).orElse(Restart.DEFAULT.maxRestarts()));
        Optional<String> shutdown = shutdownCommand();
        Stop stop = new Stop(stopSignal().orElse(Stop.DEFAULT.signal()),
                section.duration("stop-timeout", false).orElse(Stop.DEFAULT.timeout()), shutdown);
        boolean isDaemon = section.bool("is-daemon").orElse(false);
        if (isDaemon && shutdown.isEmpty() && !section.has("shutdown") && !section.has("stop-signal")) {
            section.problems().add(section.position("is-daemon"), "service '" + name
                            + "' has is-daemon = true but no way to stop it",
                    "add shutdown.command, or set stop-signal to stop the process tree it leaves by signal");
        }
        boolean autostart = section.bool("autostart").orElse(true);
        List<String> systems = new ArrayList<>();
        for (Positioned s : section.strings("systems").orElse(List.of())) {
            ManifestReader.checkSystem(s, section.label("systems"), section.problems());
            systems.add(s.value());
        }
        Optional<Liveness> liveness = liveness();
        Optional<Duration> watchdog = section.duration("watchdog", true);
        Optional<PathWatch> watch = watch();
        ServiceSpec spec = new ServiceSpec(name, command, vars, workingDir, Map.of(), readiness, restart, stop,
                isDaemon, autostart, systems, liveness, watchdog, watch, ports(), Set.of());
        return new ServiceDraft(spec, position, dependencies);
    }

    private RestartPolicy restartPolicy() {
        Optional<String> word = section.string("restart");
        if (word.isEmpty()) {
            return Restart.DEFAULT.policy();
        }
        Optional<RestartPolicy> policy = RestartPolicy.parse(word.get());
        if (policy.isEmpty()) {
            section.invalid("restart", "is not a restart policy: '" + word.get() + "'",
                    Optional.of("use \"no\", \"on-failure\" or \"always\""));
        }
        return policy.orElse(RestartPolicy.NO);
    }

    private List<Dependency> dependencies() {
        Object v = section.raw("depends-on");
        List<Dependency> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof TomlArray) {
            for (Positioned p : section.strings("depends-on").orElse(List.of())) {
                out.add(new Dependency(p.value(), Optional.empty(), p.position(), false));
            }
        } else if (v instanceof TomlTable table) {
            Section deps = section.child(table, "depends-on");
            for (String dep : table.keySet()) {
                if (deps.raw(dep) instanceof TomlTable entry) {
                    out.add(dependencyTable(deps, dep, entry));
                    continue;
                }
                Optional<String> word = deps.string(dep);
                if (word.isEmpty()) {
                    continue;
                }
                out.add(new Dependency(dep, Optional.of(condition(deps, dep, dep, word.get())), deps.position(dep), false));
            }
        } else {
            section.wrongType("depends-on", "an array of service names or a table of conditions", v,
                    v instanceof String s ? Optional.of("write depends-on = [\"" + s + "\"]") : Optional.empty());
        }
        return out;
    }

    private Condition condition(Section at, String key, String dep, String word) {
        Optional<Condition> condition = Condition.parse(word);
        if (condition.isEmpty()) {
            section.problems().add(at.position(key), "unknown condition '" + word
                    + "' for dependency '" + dep + "' in service '" + name + "'", Suggest.hint(word,
                    List.of("started", "ready", "completed")).orElse("use \"started\", \"ready\" or \"completed\""));
        }
        return condition.orElse(Condition.STARTED);
    }

    /** RS-9: {@code api = { condition = "ready", restart = true }}; without a condition, as the array form. */
    private Dependency dependencyTable(Section deps, String dep, TomlTable entry) {
        Section d = deps.child(entry, dep);
        d.checkKeys(Set.of("condition", "restart"), Map.of("when", "condition", "cascade", "restart",
                "restart-with", "restart"));
        Optional<Condition> condition = d.string("condition").map(word -> condition(d, "condition", dep, word));
        boolean restart = d.bool("restart").orElse(false);
        return new Dependency(dep, condition, deps.position(dep), restart);
    }

    /** PT-1: {@code ports.NAME = BASE}, each name one {@code PORT_NAME} variable, each base a TCP port. */
    private Map<String, Integer> ports() {
        Optional<TomlTable> table = section.subTable("ports", Optional.of("write ports.http = 8080"));
        Map<String, Integer> out = new LinkedHashMap<>();
        if (table.isEmpty()) {
            return out;
        }
        Section p = section.child(table.get(), "ports");
        Map<String, String> variables = new LinkedHashMap<>();
        for (String port : table.get().keySet()) {
            if (!Ports.isValidName(port)) {
                p.invalid(port, "is not a port name", Optional.of("use letters, digits, '-' and '_', starting with a "
                        + "letter: it becomes the variable PORT_NAME"));
                continue;
            }
            String variable = Ports.variable(port);
            if (variables.containsKey(variable)) {
                p.invalid(port, "becomes " + variable + ", as ports." + variables.get(variable) + " does",
                        Optional.of("give the ports names that differ in more than '-' and '_' or case"));
                continue;
            }
            variables.put(variable, port);
            p.integer(port, 1, 65535).ifPresent(base -> out.put(port, base));
        }
        return out;
    }

    private Optional<Readiness> readiness() {
        return exactlyOneCheck(READINESS).flatMap(r -> {
            Duration interval = r.table().duration("interval", true).orElse(Readiness.DEFAULT_INTERVAL);
            Duration timeout = r.table().duration("timeout", true).orElse(Readiness.DEFAULT_TIMEOUT);
            Duration initialDelay = r.table().duration("initial-delay", false).orElse(Duration.ZERO);
            return r.check().map(c -> new Readiness(c, interval, timeout, initialDelay));
        });
    }

    /** RD-3: {@code liveness.*}: one of command, http, tcp, with its timing. */
    private Optional<Liveness> liveness() {
        return exactlyOneCheck(LIVENESS).flatMap(l -> {
            Duration period = l.table().duration("period", true).orElse(Liveness.DEFAULT_PERIOD);
            Duration timeout = l.table().duration("timeout", true).orElse(Liveness.DEFAULT_TIMEOUT);
            Duration initialDelay = l.table().duration("initial-delay", false).orElse(Duration.ZERO);
            int threshold = l.table().integer("failure-threshold", 1, 1_000_000)
                    .orElse(Liveness.DEFAULT_FAILURE_THRESHOLD);
            return l.check().map(c -> new Liveness(c, period, timeout, initialDelay, threshold));
        });
    }

    /**
     * Reads {@code what}'s sub-table: its keys checked (aliases as did-you-mean), and exactly one of its check kinds,
     * reported at the table's place when there are several or none. Empty when the key is absent or not a table;
     * the timing keys are the caller's to read from the section, so they are checked whether or not a check is valid.
     */
    private Optional<CheckSection> exactlyOneCheck(CheckTable what) {
        Optional<TomlTable> table = section.subTable(what.key(), Optional.of(what.notATable()));
        if (table.isEmpty()) {
            return Optional.empty();
        }
        Section t = section.child(table.get(), what.key());
        int unknown = t.checkKeys(what.keys(), what.aliases());
        List<String> kinds = new ArrayList<>(1);
        boolean switchedOff = false;
        for (String kind : what.kinds()) {
            if (!t.has(kind)) {
                continue;
            }
            if (what.offSwitch().equals(Optional.of(kind)) && !t.bool(kind).orElse(true)) {
                switchedOff = true;
            } else {
                kinds.add(kind);
            }
        }
        TomlPosition at = section.position(what.key());
        if (kinds.size() > 1) {
            section.problems().add(at, what.key() + " of service '" + name + "' has more than one check ("
                    + String.join(", ", kinds) + ")", what.moreThanOne());
        } else if (kinds.isEmpty() && unknown == 0 && !switchedOff) {
            section.problems().add(at, what.key() + " of service '" + name + "' has no check", what.none());
        }
        return Optional.of(new CheckSection(t, kinds.isEmpty() ? Optional.empty() : check(t, kinds.getFirst())));
    }

    /** WT-1: {@code watch}, {@code watch-ignore}, {@code watch-debounce}; the last two only with a {@code watch}. */
    private Optional<PathWatch> watch() {
        Optional<List<Positioned>> globs = section.strings("watch");
        Optional<List<Positioned>> ignore = section.strings("watch-ignore");
        Optional<Duration> debounce = section.duration("watch-debounce", true);
        if (!section.has("watch")) {
            for (String key : List.of("watch-ignore", "watch-debounce")) {
                if (section.has(key)) {
                    section.invalid(key, "has no effect without watch", Optional.of(
                            "add watch = [\"src/**\"] (the paths whose changes restart '" + name + "')"));
                }
            }
            return Optional.empty();
        }
        if (globs.isEmpty()) {
            return Optional.empty(); // not an array: already reported
        }
        if (globs.get().isEmpty()) {
            section.invalid("watch", "has no globs", Optional.of("e.g. watch = [\"src/**/*.py\"], or remove it"));
            return Optional.empty();
        }
        boolean valid = checkGlobs("watch", globs.get()) & checkGlobs("watch-ignore", ignore.orElse(List.of()));
        return valid ? Optional.of(new PathWatch(globs.get().stream().map(Positioned::value).toList(),
                ignore.orElse(List.of()).stream().map(Positioned::value).toList(),
                debounce.orElse(PathWatch.DEFAULT_DEBOUNCE))) : Optional.empty();
    }

    private boolean checkGlobs(String key, List<Positioned> globs) {
        boolean valid = true;
        for (Positioned g : globs) {
            Optional<String> problem = PathGlob.problem(g.value());
            if (problem.isPresent()) {
                section.problems().add(g.position(), "glob '" + g.value() + "' in '" + key + "' of service '" + name
                        + "' " + problem.get(), "globs are relative to the project directory, e.g. \"src/**/*.py\"");
                valid = false;
            }
        }
        return valid;
    }

    private static Optional<Readiness.Check> check(Section r, String kind) {
        if (kind.equals("notify")) {
            return Optional.of(new Readiness.NotifyCheck()); // only true reaches here
        }
        Optional<String> text = r.string(kind);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String s = text.get();
        return switch (kind) {
            case "command" -> s.isBlank() ? bad(r, kind, "is empty", "give a command that exits 0 when ready")
                    : Optional.of(new Readiness.CommandCheck(s));
            case "http" -> http(r, s);
            case "tcp" -> tcp(r, s);
            default -> {
                try {
                    yield Optional.of(new Readiness.LogCheck(Pattern.compile(s)));
                } catch (PatternSyntaxException e) {
                    yield bad(r, kind, "is not a valid regular expression: " + e.getDescription(),
                            "it is a Java regex matched against each output line");
                }
            }
        };
    }

    private static Optional<Readiness.Check> http(Section r, String s) {
        if (!Vars.references(s).isEmpty()) {
            return Optional.of(new Readiness.Pending("http", s));
        }
        Optional<Readiness.Check> check = CheckSyntax.http(s);
        return check.isPresent() ? check : bad(r, "http", CheckSyntax.HTTP_PROBLEM.formatted(s), CheckSyntax.HTTP_HINT);
    }

    private static Optional<Readiness.Check> tcp(Section r, String s) {
        if (!Vars.references(s).isEmpty()) {
            return Optional.of(new Readiness.Pending("tcp", s));
        }
        Optional<Readiness.Check> check = CheckSyntax.tcp(s);
        return check.isPresent() ? check : bad(r, "tcp", CheckSyntax.TCP_PROBLEM.formatted(s), CheckSyntax.TCP_HINT);
    }

    private static Optional<Readiness.Check> bad(Section r, String key, String message, String hint) {
        r.invalid(key, message, Optional.of(hint));
        return Optional.empty();
    }

    private Optional<Signal> stopSignal() {
        Object v = section.raw("stop-signal");
        if (v == null) {
            return Optional.empty();
        }
        String text;
        if (v instanceof Long n) {
            text = n.toString();
        } else if (v instanceof String s) {
            text = s;
        } else {
            section.wrongType("stop-signal", "a signal name or number", v, Optional.of("e.g. stop-signal = \"INT\""));
            return Optional.empty();
        }
        Optional<Signal> signal = Signal.parse(text);
        if (signal.isEmpty()) {
            String upper = text.strip().toUpperCase(java.util.Locale.ROOT);
            String bare = upper.startsWith("SIG") ? upper.substring(3) : upper;
            section.problems().add(section.position("stop-signal"), "unknown signal '" + text
                            + "' for 'stop-signal' in service '" + name + "'",
                    bare.chars().allMatch(Character::isDigit) ? "signal numbers run from 1 to 64"
                            : Suggest.hint(bare, Signal.names()).orElse("e.g. TERM, INT, QUIT, HUP, or a number like 2"));
        }
        return signal;
    }

    private Optional<String> shutdownCommand() {
        Optional<TomlTable> table = section.subTable("shutdown", Optional.of("use shutdown.command = \"...\""));
        if (table.isEmpty()) {
            return Optional.empty();
        }
        Section s = section.child(table.get(), "shutdown");
        s.checkKeys(Set.of("command"), Map.of("cmd", "command"));
        if (!s.has("command")) {
            section.problems().add(section.position("shutdown"), "'shutdown' in service '" + name
                    + "' has no command", "use shutdown.command = \"...\"");
        }
        return s.string("command");
    }
}

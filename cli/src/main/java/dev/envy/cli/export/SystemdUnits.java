package dev.envy.cli.export;

import dev.envy.core.manifest.Condition;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.Readiness;
import dev.envy.core.manifest.RestartPolicy;
import dev.envy.core.manifest.Signal;
import dev.envy.core.runtime.ProjectPaths;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An environment as systemd units (docs/export.md has the mapping key by key): {@code envy-NAME.target}, one
 * {@code envy-NAME-SERVICE.service} with its {@code .env} file per service, and {@code envy-NAME--hook.service} when
 * the manifest has a hook (two dashes: no service's unit can have that name). Pure: it only makes the files' text;
 * what it cannot carry over goes to {@link Warnings}.
 */
final class SystemdUnits {
    /** The bash every command runs with, at the path every distribution keeps it. */
    static final String BASH = "/bin/bash";
    /** How long a run must last before envy's restart count starts again (as the supervisor's STABLE_RUN). */
    static final Duration STABLE_RUN = Duration.ofSeconds(10);
    /** Added to a readiness loop's own bound, so that its message, not systemd's timeout, ends a failed start. */
    static final Duration START_MARGIN = Duration.ofSeconds(5);
    /** How long {@code hook.on-activate} may run, as in the daemon. */
    static final Duration HOOK_DEADLINE = Duration.ofSeconds(60);
    /** Signals systemd takes as a clean end of a process; envy counts them as a failure when it did not send them. */
    static final String CLEAN_SIGNALS = "SIGHUP SIGINT SIGTERM SIGPIPE";

    /**
     * How the units are made.
     *
     * @param name     the environment's name in the unit names
     * @param unitDir  where the files will be, for the {@code EnvironmentFile=} lines
     * @param user     units for the user's own systemd ({@code --user}) rather than the system's
     * @param journal  output to the journal instead of {@code .envy/logs/SERVICE.log}
     * @param runAs    {@code User=} of system units (the project directory's owner, when that is not root)
     * @param system   the system the manifest was loaded for ({@code x86_64-linux})
     */
    record Settings(String name, Path projectDir, Path manifestFile, Path unitDir, boolean user, boolean journal,
                    Optional<String> runAs, String system) {
    }

    /** One file to write: its name in the unit directory, its kind ({@code target}, {@code service}, {@code environment}). */
    record UnitFile(String fileName, String kind, String content) {
    }

    private final Manifest manifest;
    private final ExportEnvironment environment;
    private final Settings settings;
    private final Warnings warnings;
    private final Map<String, ServiceView> services = new LinkedHashMap<>();
    private final Set<String> oneshots = new LinkedHashSet<>();
    private final boolean hasHook;

    private SystemdUnits(Manifest manifest, ExportEnvironment environment, Settings settings, Warnings warnings) {
        this.manifest = manifest;
        this.environment = environment;
        this.settings = settings;
        this.warnings = warnings;
        manifest.services().forEach((n, spec) -> services.put(n, ServiceView.of(spec)));
        services.values().forEach(s -> s.dependsOn().forEach((dep, condition) -> {
            if (condition == Condition.COMPLETED) {
                oneshots.add(dep);
            }
        }));
        this.hasHook = manifest.hook().onActivate().filter(h -> !h.isBlank()).isPresent()
                || manifest.hook().onDeactivate().filter(h -> !h.isBlank()).isPresent();
    }

    /** The files of the export, target first, each service's unit followed by its environment file. */
    static List<UnitFile> of(Manifest manifest, ExportEnvironment environment, Settings settings, Warnings warnings) {
        return new SystemdUnits(manifest, environment, settings, warnings).files();
    }

    static String targetName(String name) {
        return "envy-" + name + ".target";
    }

    static String serviceUnit(String name, String service) {
        return "envy-" + name + "-" + service + ".service";
    }

    static String hookUnit(String name) {
        return "envy-" + name + "--hook.service";
    }

    private List<UnitFile> files() {
        List<UnitFile> files = new ArrayList<>();
        files.add(new UnitFile(targetName(settings.name()), "target", target()));
        if (hasHook) {
            files.add(new UnitFile(hookUnit(settings.name()), "service", hook()));
            files.add(new UnitFile(envFileName("-hook"), "environment",
                    environmentFile("hook.on-activate and hook.on-deactivate", environment.hookVars())));
        }
        for (ServiceView s : services.values()) {
            files.add(new UnitFile(serviceUnit(settings.name(), s.name()), "service", service(s)));
            files.add(new UnitFile(envFileName(s.name()), "environment",
                    environmentFile("service '" + s.name() + "'", environment.byService().get(s.name()))));
        }
        manifestWarnings();
        return files;
    }

    private String envFileName(String part) {
        return "envy-" + settings.name() + "-" + part + ".env";
    }

    private String header() {
        return header(settings.name(), settings.manifestFile()) + "# Edit envy.toml and export again rather than editing"
                + " this file.\n";
    }

    /** The first line of every file of an export: an export removes files with this line that it no longer writes. */
    static String header(String name, Path manifestFile) {
        return "# Written by `envy export systemd` for environment '" + name + "' of " + manifestFile + ".\n";
    }

    private String target() {
        List<String> wants = new ArrayList<>();
        if (hasHook) {
            wants.add(hookUnit(settings.name()));
        }
        services.values().stream().filter(ServiceView::autostart)
                .forEach(s -> wants.add(serviceUnit(settings.name(), s.name())));
        Unit u = new Unit();
        u.section("Unit");
        u.set("Description", "envy environment " + settings.name() + " ("
                + UnitSyntax.path(settings.projectDir().toString()) + ")");
        u.set("Wants", String.join(" ", wants));
        u.set("After", String.join(" ", wants));
        u.section("Install");
        u.set("WantedBy", settings.user() ? "default.target" : "multi-user.target");
        return header() + u;
    }

    private String hook() {
        Unit u = new Unit();
        u.section("Unit");
        u.set("Description", "envy " + settings.name() + ": [hook] (on-activate on start, on-deactivate on stop)");
        u.set("PartOf", targetName(settings.name()));
        u.section("Service");
        u.set("Type", "oneshot");
        u.set("RemainAfterExit", "yes");
        user(u);
        u.set("WorkingDirectory", UnitSyntax.path(settings.projectDir().toString()));
        u.set("EnvironmentFile", UnitSyntax.path(settings.unitDir().resolve(envFileName("-hook")).toString()));
        u.set("ExecStart", manifest.hook().onActivate().filter(h -> !h.isBlank())
                .map(SystemdUnits::bashCommand).orElse("/bin/true"));
        manifest.hook().onDeactivate().filter(h -> !h.isBlank())
                .ifPresent(h -> u.set("ExecStop", bashCommand(h)));
        u.set("TimeoutStartSec", UnitSyntax.span(HOOK_DEADLINE));
        u.section("Install");
        u.set("WantedBy", targetName(settings.name()));
        return header() + u;
    }

    private String service(ServiceView s) {
        boolean oneshot = oneshots.contains(s.name());
        Unit u = new Unit();
        u.section("Unit");
        u.set("Description", "envy " + settings.name() + ": " + s.name());
        u.set("PartOf", targetName(settings.name()));
        List<String> deps = new ArrayList<>();
        if (hasHook) {
            deps.add(hookUnit(settings.name()));
        }
        s.dependsOn().keySet().stream().filter(services::containsKey)
                .forEach(d -> deps.add(serviceUnit(settings.name(), d)));
        if (!deps.isEmpty()) {
            u.set("Requires", String.join(" ", deps));
            u.set("After", String.join(" ", deps));
        }
        RestartPolicy policy = restartPolicy(s, oneshot);
        if (policy != RestartPolicy.NO) {
            u.set("StartLimitIntervalSec", UnitSyntax.span(startLimitInterval(s)));
            u.set("StartLimitBurst", Integer.toString(s.restart().max() + 1));
        }

        u.section("Service");
        u.set("Type", oneshot ? "oneshot" : s.isDaemon() ? "forking" : "exec");
        if (oneshot) {
            u.set("RemainAfterExit", "yes");
        }
        user(u);
        u.set("WorkingDirectory", UnitSyntax.path(settings.projectDir().resolve(s.workingDir()).normalize().toString()));
        u.set("EnvironmentFile", UnitSyntax.path(settings.unitDir().resolve(envFileName(s.name())).toString()));
        unset(u, environment.byService().get(s.name()).keySet());
        Optional<Readiness> readiness = oneshot ? Optional.empty() : s.readiness();
        Path log = ProjectPaths.of(settings.projectDir()).serviceLog(s.name());
        boolean logCheck = readiness.map(r -> r.check() instanceof Readiness.LogCheck).orElse(false);
        if (logCheck) {
            readiness = readiness.filter(r -> ReadinessScript.ere((Readiness.LogCheck) r.check()).isPresent());
        }
        if (logCheck && readiness.isPresent()) {
            u.set("RuntimeDirectory", "envy-" + settings.name() + "-" + s.name());
            u.set("ExecStartPre", bashCommand(ReadinessScript.logOffset(log)));
        }
        u.set("ExecStart", bashCommand(s.command()));
        if (readiness.isPresent()) {
            Readiness r = readiness.get();
            u.set("ExecStartPost", bashCommand(ReadinessScript.loop(s.name(), r, log)));
            Duration attempt = r.interval().compareTo(ReadinessScript.MIN_ATTEMPT) > 0 ? r.interval()
                    : ReadinessScript.MIN_ATTEMPT;
            u.set("TimeoutStartSec", UnitSyntax.span(wholeSeconds(r.initialDelay().plus(r.timeout()).plus(attempt)
                    .plus(START_MARGIN))));
        } else if (oneshot) {
            u.set("TimeoutStartSec", "infinity");
        }
        s.stop().command().ifPresent(c -> u.set("ExecStop", bashCommand(shutdown(s.name(), c))));
        u.set("KillMode", "control-group");
        u.set("KillSignal", signalName(s.stop().signal()));
        u.set("TimeoutStopSec", UnitSyntax.span(s.stop().timeout()));
        u.set("Restart", policy.word());
        if (policy != RestartPolicy.NO) {
            u.set("RestartSec", UnitSyntax.span(s.restart().delay()));
            u.set("RestartForceExitStatus", CLEAN_SIGNALS);
        }
        if (settings.journal() && !logCheck) {
            u.set("StandardOutput", "journal");
            u.set("SyslogIdentifier", settings.name() + "-" + s.name());
        } else {
            u.set("StandardOutput", "append:" + UnitSyntax.path(log.toString()));
        }
        u.set("StandardError", "inherit");
        if (s.autostart()) {
            u.section("Install");
            u.set("WantedBy", targetName(settings.name()));
        }
        serviceWarnings(s, oneshot, logCheck);
        return header() + u;
    }

    /** {@code User=} of a system unit. */
    private void user(Unit u) {
        if (!settings.user()) {
            settings.runAs().ifPresent(user -> u.set("User", user));
        }
    }

    /** The variables the hook removed that this unit does not set again. */
    private void unset(Unit u, Set<String> setHere) {
        List<String> unset = environment.unset().stream().filter(n -> !setHere.contains(n)).toList();
        if (!unset.isEmpty()) {
            u.set("UnsetEnvironment", String.join(" ", unset));
        }
    }

    private static RestartPolicy restartPolicy(ServiceView s, boolean oneshot) {
        RestartPolicy p = s.restart().max() == 0 ? RestartPolicy.NO : s.restart().policy();
        return oneshot && p == RestartPolicy.ALWAYS ? RestartPolicy.ON_FAILURE : p;
    }

    /** {@code max-restarts + 1} starts within this many seconds stop the restarts. */
    private static Duration startLimitInterval(ServiceView s) {
        return s.restart().delay().plus(STABLE_RUN).multipliedBy(s.restart().max() + 1L);
    }

    private static Duration wholeSeconds(Duration d) {
        long s = d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
        return Duration.ofSeconds(s);
    }

    /**
     * {@code shutdown.command}, then a wait for the main process to exit (systemd sends the stop signal to what is
     * left as soon as {@code ExecStop=} returns; envy gives the service its stop-timeout to go by itself). The wait
     * never names PID 0: {@code kill -0 0} would ask about our own process group.
     */
    private static String shutdown(String service, String command) {
        return "( " + command + " ) || echo " + UnitSyntax.bash("envy: shutdown.command of " + service + " exited with")
                + " $? >&2; "
                + "if [ -n \"$MAINPID\" ] && [ \"$MAINPID\" -gt 1 ]; then "
                + "while kill -0 \"$MAINPID\" 2>/dev/null; do sleep 0.1; done; fi";
    }

    static String bashCommand(String script) {
        return UnitSyntax.commandLine(List.of(BASH, "-c", script));
    }

    /** {@code SIGINT}; a real-time signal as {@code SIGRTMIN+N}. */
    static String signalName(Signal signal) {
        if (signal.name().startsWith("RT")) {
            return "SIGRTMIN+" + signal.name().substring(2);
        }
        return signal.fullName();
    }

    private String environmentFile(String whose, Map<String, String> vars) {
        StringBuilder b = new StringBuilder(header());
        b.append("# The environment of ").append(whose).append(", as envy computed it when exporting")
                .append(whose.startsWith("service") ? ":\n# [vars], the exports of hook.on-activate, the service's vars"
                        + " and ENVY_* (not the exporting shell's own).\n"
                        : ":\n# [vars] and ENVY_* (the hook sets the rest itself).\n");
        vars.forEach((k, v) -> {
            if (k.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                b.append(UnitSyntax.environmentLine(k, v)).append('\n');
            }
        });
        return b.toString();
    }

    private void serviceWarnings(ServiceView s, boolean oneshot, boolean logCheck) {
        String n = s.name();
        if (s.restart().policy() != RestartPolicy.NO && s.restart().max() > 0) {
            RestartPolicy p = restartPolicy(s, oneshot);
            if (p != s.restart().policy()) {
                warnings.add("others wait for " + n + " to complete, so it is a oneshot unit, which systemd restarts only on"
                        + " failure: restart = \"always\" becomes \"on-failure\"", "services", n, "restart");
            }
            warnings.add("systemd restarts " + n + " every " + UnitSyntax.span(s.restart().delay())
                    + " without envy's doubling back-off (RestartSteps= needs systemd 254), and stops after "
                    + (s.restart().max() + 1) + " starts within " + UnitSyntax.span(startLimitInterval(s))
                    + " rather than after " + s.restart().max() + " restarts in a row", "services", n, "restart");
        }
        if (s.isDaemon()) {
            warnings.add("systemd follows the process " + n + " forks (Type=forking) by guessing its main PID; restarts"
                    + " and the wait for its exit depend on that guess (add PIDFile= to the unit if the daemon writes"
                    + " one)", "services", n, "is-daemon");
        }
        if (!s.systems().isEmpty()) {
            warnings.add("the unit is written for " + settings.system() + " (this machine); systemd does not check the"
                    + " system of the machine it runs on", "services", n, "systems");
        }
        if (oneshot && s.readiness().isPresent()) {
            warnings.add("others wait for " + n + " to complete, so systemd counts it as started when it has exited 0;"
                    + " its readiness check is not run", "services", n, "readiness");
        }
        s.readiness().map(Readiness::check).ifPresent(check -> {
            if (oneshot) {
                return;
            }
            if (check instanceof Readiness.LogCheck log) {
                Ere ere = Ere.of(log.pattern().pattern());
                if (ere instanceof Ere.Untranslatable u) {
                    warnings.add("bash cannot match this pattern (it uses " + u.construct() + ", which POSIX extended"
                            + " regular expressions lack), so systemd counts " + n + " as started as soon as it runs;"
                            + " write the pattern without it", "services", n, "readiness", "log");
                } else if (settings.journal()) {
                    warnings.add("the check reads " + n + "'s output from a file, so with --journal this service's"
                            + " output still goes to " + ProjectPaths.of(settings.projectDir()).serviceLog(n),
                            "services", n, "readiness", "log");
                }
            } else if (check instanceof Readiness.HttpCheck h && "https".equalsIgnoreCase(h.uri().getScheme())) {
                warnings.add("an https:// check runs curl, which the server must have (http:// needs only bash)",
                        "services", n, "readiness", "http");
            }
        });
        s.dependsOn().forEach((dep, condition) -> {
            if (condition != Condition.STARTED || !services.containsKey(dep)) {
                return;
            }
            ServiceView d = services.get(dep);
            if (oneshots.contains(dep)) {
                warnings.add("systemd starts " + n + " only once " + dep + " has completed (others wait for that, so"
                        + " it is a oneshot unit), not as soon as it started", "services", n, "depends-on", dep);
            } else if (d.readiness().isPresent()) {
                warnings.add("systemd starts " + n + " only once " + dep + " is ready (its unit becomes active when"
                        + " its readiness check passed), not as soon as it started", "services", n, "depends-on", dep);
            }
        });
        s.vars().keySet().stream().filter(k -> !k.matches("[A-Za-z_][A-Za-z0-9_]*"))
                .forEach(k -> warnings.add("systemd cannot pass a variable of that name; it is left out",
                        "services", n, "vars", k));
    }

    private void manifestWarnings() {
        var positions = warnings.positions();
        for (String name : positions.keys("services")) {
            if (positions.keys("services", name).contains("command") && !services.containsKey(name)) {
                warnings.add("not exported: it runs only on " + String.join(", ", positions.strings("services", name,
                        "systems")) + ", and this machine is " + settings.system(), "services", name);
            }
        }
        if (!manifest.options().systems().isEmpty()) {
            warnings.add("systemd does not check that the machine is one of " + String.join(", ",
                    manifest.options().systems()), "options", "systems");
        }
        if (manifest.options().autoReload()) {
            warnings.add("systemd does not watch envy.toml: export again and run systemctl daemon-reload after a"
                    + " change", "options", "auto-reload");
        }
        if (!settings.journal()) {
            for (String key : List.of("log-max-size", "log-keep")) {
                if (positions.has("options", key)) {
                    warnings.add("systemd appends to the log files without rotating them: rotate them with logrotate"
                            + " (copytruncate), or export with --journal", "options", key);
                }
            }
        }
        if (!environment.hookExports().isEmpty()) {
            warnings.add("its exports (" + String.join(", ", environment.hookExports()) + ") are written with the"
                    + " values they have now; the hook itself runs again on every start, for what else it does",
                    "hook", "on-activate");
        }
        environment.outerRefs().forEach((var, refs) -> warnings.add("takes " + refs.stream()
                .map(r -> "${" + r + "}").collect(Collectors.joining(", "))
                + " from the environment envy runs in, so its value is written as it is now", "vars", var));
        manifest.vars().keySet().stream().filter(k -> !k.matches("[A-Za-z_][A-Za-z0-9_]*"))
                .forEach(k -> warnings.add("systemd cannot pass a variable of that name; it is left out", "vars", k));
    }

    /** A unit file's text: sections of {@code Key=value} lines. */
    private static final class Unit {
        private final StringBuilder text = new StringBuilder();

        void section(String name) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append('[').append(name).append("]\n");
        }

        void set(String key, String value) {
            text.append(key).append('=').append(value).append('\n');
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}

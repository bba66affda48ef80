package dev.envy.cli.export;

import dev.envy.core.manifest.Condition;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.Readiness;
import dev.envy.core.manifest.RestartPolicy;
import dev.envy.core.manifest.ServiceSpec;
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

/**
 * An environment as systemd units (docs/export.md has the mapping key by key): {@code envy-NAME.target}, one
 * {@code envy-NAME-SERVICE.service} with its {@code .env} file per service, and {@code envy-NAME--hook.service} when
 * the manifest has a hook (two dashes: no service's unit can have that name). Pure: it only makes the files' text;
 * what it cannot carry over is told by {@link Unexpressed} to {@link Warnings}.
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

    final Manifest manifest;
    final ExportEnvironment environment;
    final Settings settings;
    final Warnings warnings;
    final Map<String, ServiceSpec> services = new LinkedHashMap<>();
    /** The services others wait to complete: oneshot units. */
    final Set<String> oneshots = new LinkedHashSet<>();
    private final boolean hasHook;

    private SystemdUnits(Manifest manifest, ExportEnvironment environment, Settings settings, Warnings warnings) {
        this.manifest = manifest;
        this.environment = environment;
        this.settings = settings;
        this.warnings = warnings;
        manifest.services().forEach((n, spec) -> services.put(n, spec));
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
        for (ServiceSpec s : services.values()) {
            files.add(new UnitFile(serviceUnit(settings.name(), s.name()), "service", service(s)));
            files.add(new UnitFile(envFileName(s.name()), "environment",
                    environmentFile("service '" + s.name() + "'", environment.byService().get(s.name()))));
        }
        new Unexpressed(this).manifest();
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
        services.values().stream().filter(ServiceSpec::autostart)
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

    private String service(ServiceSpec s) {
        boolean oneshot = oneshots.contains(s.name());
        Unit u = new Unit();
        u.section("Unit");
        u.set("Description", "envy " + settings.name() + ": " + s.name());
        List<String> partOf = new ArrayList<>(List.of(targetName(settings.name())));
        s.restartsWith().stream().filter(services::containsKey) // RS-9: a restart of the dependency reaches it
                .forEach(d -> partOf.add(serviceUnit(settings.name(), d)));
        u.set("PartOf", String.join(" ", partOf));
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
            u.set("StartLimitBurst", Integer.toString(s.restart().maxRestarts() + 1));
        }

        u.section("Service");
        boolean notifies = !oneshot && s.readiness().map(Readiness::viaNotify).orElse(false);
        u.set("Type", oneshot ? "oneshot" : notifies ? "notify" : s.isDaemon() ? "forking" : "exec");
        if (oneshot) {
            u.set("RemainAfterExit", "yes");
        }
        boolean watchdog = !oneshot && s.watchdog().isPresent();
        if (notifies || watchdog) {
            u.set("NotifyAccess", "all"); // as envy: any process of the service may send READY=1 or WATCHDOG=1
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
        if (notifies) {
            u.set("TimeoutStartSec", UnitSyntax.span(wholeSeconds(readiness.orElseThrow().timeout())));
        } else if (readiness.isPresent()) {
            Readiness r = readiness.get();
            u.set("ExecStartPost", bashCommand(ReadinessScript.loop(s.name(), r, log)));
            Duration attempt = r.interval().compareTo(ReadinessScript.MIN_ATTEMPT) > 0 ? r.interval()
                    : ReadinessScript.MIN_ATTEMPT;
            u.set("TimeoutStartSec", UnitSyntax.span(wholeSeconds(r.initialDelay().plus(r.timeout()).plus(attempt)
                    .plus(START_MARGIN))));
        } else if (oneshot) {
            u.set("TimeoutStartSec", "infinity");
        }
        s.stop().shutdownCommand().ifPresent(c -> u.set("ExecStop", bashCommand(shutdown(s.name(), c))));
        u.set("KillMode", "control-group");
        u.set("KillSignal", signalName(s.stop().signal()));
        u.set("TimeoutStopSec", UnitSyntax.span(s.stop().timeout()));
        if (watchdog) { // RD-2: systemd kills it (SIGABRT, then its stop path) and applies Restart=
            u.set("WatchdogSec", UnitSyntax.span(s.watchdog().get()));
        }
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
        new Unexpressed(this).service(s, oneshot);
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

    static RestartPolicy restartPolicy(ServiceSpec s, boolean oneshot) {
        RestartPolicy p = s.restart().maxRestarts() == 0 ? RestartPolicy.NO : s.restart().policy();
        return oneshot && p == RestartPolicy.ALWAYS ? RestartPolicy.ON_FAILURE : p;
    }

    /** {@code max-restarts + 1} starts within this many seconds stop the restarts. */
    static Duration startLimitInterval(ServiceSpec s) {
        return s.restart().delay().plus(STABLE_RUN).multipliedBy(s.restart().maxRestarts() + 1L);
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

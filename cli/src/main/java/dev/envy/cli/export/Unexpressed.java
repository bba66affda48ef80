package dev.envy.cli.export;

import dev.envy.core.manifest.Condition;
import dev.envy.core.manifest.Ports;
import dev.envy.core.manifest.Readiness;
import dev.envy.core.manifest.RestartPolicy;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.runtime.ProjectPaths;

import java.util.List;
import java.util.stream.Collectors;

/** What the manifest says that {@link SystemdUnits} cannot carry over, or carries differently: the warnings. */
final class Unexpressed {
    private final SystemdUnits units;
    private final SystemdUnits.Settings settings;

    Unexpressed(SystemdUnits units) {
        this.units = units;
        this.settings = units.settings;
    }

    private void warn(String message, String... key) {
        units.warnings.add(message, key);
    }

    void service(ServiceSpec s, boolean oneshot) {
        String n = s.name();
        if (s.restart().policy() != RestartPolicy.NO && s.restart().maxRestarts() > 0) {
            RestartPolicy p = SystemdUnits.restartPolicy(s, oneshot);
            if (p != s.restart().policy()) {
                warn("others wait for " + n + " to complete, so it is a oneshot unit, which systemd restarts only on"
                        + " failure: restart = \"always\" becomes \"on-failure\"", "services", n, "restart");
            }
            warn("systemd restarts " + n + " every " + UnitSyntax.span(s.restart().delay())
                    + " without envy's doubling back-off (RestartSteps= needs systemd 254), and stops after "
                    + (s.restart().maxRestarts() + 1) + " starts within " + UnitSyntax.span(SystemdUnits.startLimitInterval(s))
                    + " rather than after " + s.restart().maxRestarts() + " restarts in a row", "services", n, "restart");
        }
        if (s.liveness().isPresent()) {
            warn("systemd has no liveness check: " + n + "'s liveness." + s.liveness().get().check().kind()
                    + " is not exported (a service that can send WATCHDOG=1 can use watchdog instead)",
                    "services", n, "liveness");
        }
        if (s.watchdog().isPresent() && oneshot) {
            warn("others wait for " + n + " to complete, so it is a oneshot unit, which has no watchdog",
                    "services", n, "watchdog");
        } else if (s.watchdog().isPresent()) {
            warn("systemd sends SIGABRT (not " + s.stop().signal().fullName() + ") to " + n
                    + " when its watchdog expires, and sets WATCHDOG_PID", "services", n, "watchdog");
        }
        if (s.watch().isPresent()) {
            warn("systemd does not restart " + n + " when files change: watch is not exported", "services", n,
                    "watch");
        }
        if (s.isDaemon()) {
            warn("systemd follows the process " + n + " forks (Type=forking) by guessing its main PID; restarts"
                    + " and the wait for its exit depend on that guess (add PIDFile= to the unit if the daemon writes"
                    + " one)", "services", n, "is-daemon");
        }
        if (!s.systems().isEmpty()) {
            warn("the unit is written for " + settings.system() + " (this machine); systemd does not check the"
                    + " system of the machine it runs on", "services", n, "systems");
        }
        if (oneshot && s.readiness().isPresent()) {
            warn("others wait for " + n + " to complete, so systemd counts it as started when it has exited 0;"
                    + " its readiness check is not run", "services", n, "readiness");
        }
        s.readiness().map(Readiness::check).ifPresent(check -> {
            if (oneshot) {
                return;
            }
            if (check instanceof Readiness.LogCheck log) {
                Ere ere = Ere.of(log.pattern().pattern());
                if (ere instanceof Ere.Untranslatable u) {
                    warn("bash cannot match this pattern (it uses " + u.construct() + ", which POSIX extended"
                            + " regular expressions lack), so systemd counts " + n + " as started as soon as it runs;"
                            + " write the pattern without it", "services", n, "readiness", "log");
                } else if (settings.journal()) {
                    warn("the check reads " + n + "'s output from a file, so with --journal this service's"
                            + " output still goes to " + ProjectPaths.of(settings.projectDir()).serviceLog(n),
                            "services", n, "readiness", "log");
                }
            } else if (check instanceof Readiness.HttpCheck h && "https".equalsIgnoreCase(h.uri().getScheme())) {
                warn("an https:// check runs curl, which the server must have (http:// needs only bash)",
                        "services", n, "readiness", "http");
            }
        });
        s.dependsOn().forEach((dep, condition) -> {
            if (condition != Condition.STARTED || !units.services.containsKey(dep)) {
                return;
            }
            ServiceSpec d = units.services.get(dep);
            if (units.oneshots.contains(dep)) {
                warn("systemd starts " + n + " only once " + dep + " has completed (others wait for that, so"
                        + " it is a oneshot unit), not as soon as it started", "services", n, "depends-on", dep);
            } else if (d.readiness().isPresent()) {
                warn("systemd starts " + n + " only once " + dep + " is ready (its unit becomes active when"
                        + " its readiness check passed), not as soon as it started", "services", n, "depends-on", dep);
            }
        });
        s.vars().keySet().stream().filter(k -> !k.matches("[A-Za-z_][A-Za-z0-9_]*"))
                .forEach(k -> warn("systemd cannot pass a variable of that name; it is left out",
                        "services", n, "vars", k));
        s.restartsWith().stream().filter(units.services::containsKey).forEach(dep -> warn("carried as PartOf=: "
                + "systemctl restart or stop of " + dep + " restarts or stops " + n + " too; a restart systemd makes "
                + "by itself after " + dep + " failed may not reach it", "services", n, "depends-on", dep));
        s.ports().forEach((port, base) -> warn("systemd allocates no port: " + n + " always gets " + base + " as "
                + Ports.variable(port) + " (others see " + Ports.variable(n, port) + "), and does not start if it is"
                + " taken", "services", n, "ports", port));
    }

    void manifest() {
        var positions = units.warnings.positions();
        for (String name : positions.keys("services")) {
            if (positions.keys("services", name).contains("command") && !units.services.containsKey(name)) {
                warn("not exported: it runs only on " + String.join(", ", positions.strings("services", name,
                        "systems")) + ", and this machine is " + settings.system(), "services", name);
            }
        }
        if (!units.manifest.options().systems().isEmpty()) {
            warn("systemd does not check that the machine is one of " + String.join(", ",
                    units.manifest.options().systems()), "options", "systems");
        }
        if (units.manifest.options().autoReload()) {
            warn("systemd does not watch envy.toml: export again and run systemctl daemon-reload after a"
                    + " change", "options", "auto-reload");
        }
        if (!settings.journal()) {
            for (String key : List.of("log-max-size", "log-keep")) {
                if (positions.has("options", key)) {
                    warn("systemd appends to the log files without rotating them: rotate them with logrotate"
                            + " (copytruncate), or export with --journal", "options", key);
                }
            }
        }
        if (!units.environment.hookExports().isEmpty()) {
            warn("its exports (" + String.join(", ", units.environment.hookExports()) + ") are written with the"
                    + " values they have now; the hook itself runs again on every start, for what else it does",
                    "hook", "on-activate");
        }
        units.environment.outerRefs().forEach((var, refs) -> warn("takes " + refs.stream()
                .map(r -> "${" + r + "}").collect(Collectors.joining(", "))
                + " from the environment envy runs in, so its value is written as it is now", "vars", var));
        units.manifest.vars().keySet().stream().filter(k -> !k.matches("[A-Za-z_][A-Za-z0-9_]*"))
                .forEach(k -> warn("systemd cannot pass a variable of that name; it is left out", "vars", k));
    }
}

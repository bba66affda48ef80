package dev.envy.cli.activate;

import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.Vars;
import dev.envy.core.runtime.EnvironmentId;
import dev.envy.host.os.ProcStat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code envy activate}: registers the activation, starts services when asked, runs the hook,
 * and hands the shell its environment: as a plan for {@code bin/envy} to exec (subshell, command) or as a script on
 * stdout (in place). Returns the CLI's exit code; when a plan was written, bin/envy execs it and that code is moot.
 */
public final class Activation {
    /** Exported into every activation; AC-8 compares it with the project directory, AC-11 finds the project by it. */
    public static final String ACTIVE = dev.envy.cli.ProjectLocator.ACTIVE;
    /** {@code PID:START_TIME} of the registered activation, so a later {@code -s} in that shell can attach it. */
    public static final String REGISTERED = "ENVY_ACTIVATION";

    private final Outside outside;
    private final DaemonPort daemon;
    /** The {@code /proc} tree to read processes from (the system's; tests build one). */
    private final Path proc;

    public Activation(Outside outside, DaemonPort daemon) {
        this(outside, daemon, ProcStat.system());
    }

    Activation(Outside outside, DaemonPort daemon, Path proc) {
        this.outside = outside;
        this.daemon = daemon;
        this.proc = proc;
    }

    /** Activates the environment of {@code manifest} (loaded and valid) as {@code request} asks. */
    public int run(Manifest manifest, ActivateRequest request) {
        Mode mode = Mode.decide(request.command(), request.printScript(), outside.plan().isPresent(),
                outside.stdoutIsTerminal());
        boolean startServices = (request.startServices() || manifest.autoStart()) && !request.noStartServices();
        String name = nameOf(outside.projectDir());
        ServiceStartup services = new ServiceStartup(daemon, outside.err(), outside.projectDir());

        EvaluatingShell shells = new EvaluatingShell(proc);
        ShellChoice choice;
        try {
            choice = ShellChoice.of(request.shell(), outside.env(),
                    mode instanceof Mode.InPlace ? evaluatingShell(shells) : OptionalLong.empty(), shells);
        } catch (ShellChoice.BadShell e) {
            outside.err().println("envy: " + e.getMessage() + " (envy supports bash, zsh and fish)");
            outside.err().flush();
            return 2;
        }

        if (!(mode instanceof Mode.Command) && outside.projectDir().toString().equals(outside.env().get(ACTIVE))) {
            outside.err().println("envy: already active in this shell (" + name + ")");
            outside.err().flush();
            if (startServices && mode instanceof Mode.InPlace) {
                // the shell that evaluates this is registered, whichever it is (AC-9): nothing else is printed
                Optional<Path> claim = expect(manifest, services, true);
                outside.out().print(Scripts.claim(choice.shell(), claim));
                outside.out().flush();
            } else if (startServices) {
                Registered previous = Registered.parse(outside.env().get(REGISTERED), proc);
                if (previous != null) {
                    services.register(manifest, previous.pid(), previous.startTime(), true);
                }
            }
            return 0;
        }
        choice.note().ifPresent(outside.err()::println);

        EnvironmentChange change = base(manifest, name);
        Optional<Path> claim = Optional.empty();
        boolean claimsItself = mode instanceof Mode.InPlace && request.pid().isEmpty();
        if (claimsItself) {
            claim = expect(manifest, services, startServices);
        } else {
            OptionalLong pid = mode instanceof Mode.InPlace ? request.pid() : outside.launcherPid();
            OptionalLong startTime = pid.isPresent() ? ProcStat.startTime(proc, pid.getAsLong()) : OptionalLong.empty();
            if (startTime.isPresent()) {
                change = change.then(new EnvironmentChange(
                        Map.of(REGISTERED, pid.getAsLong() + ":" + startTime.getAsLong()), Set.of()));
                services.register(manifest, pid.getAsLong(), startTime.getAsLong(), startServices);
            } else if (mode instanceof Mode.InPlace) {
                outside.err().println("envy: no process " + pid.getAsLong() + " to register (--pid)");
                outside.err().flush();
                return 2;
            } else if (!manifest.services().isEmpty()) {
                outside.err().println("envy: cannot tell which process to register (run envy through bin/envy); "
                        + "services are not tied to this activation");
            }
        }
        change = change.then(allocatedPorts(manifest));
        change = change.then(hookExports(manifest, change));
        change = change.then(LauncherOnPath.change(outside.launcherDir(), change.applyTo(outside.env())));
        return hand(mode, choice, new Session(choice.shell(), name, change, profileOf(manifest, choice.shell())),
                claimsItself, claim);
    }

    /**
     * AC-9: the shell that will evaluate the in-place script is not known here (it may be a parent, a fork for
     * {@code $( )}, or a shell nested in another), so the daemon is told to expect one, and the script's first line
     * makes the evaluating shell claim it with its own PID. Empty when nothing was registered.
     */
    private Optional<Path> expect(Manifest manifest, ServiceStartup services, boolean startServices) {
        String token = Long.toHexString(ProcessHandle.current().pid()) + "-" + Long.toHexString(System.nanoTime());
        Path[] claim = new Path[1];
        services.register(manifest, d -> claim[0] = d.expect(token), startServices);
        return Optional.ofNullable(claim[0]);
    }

    /**
     * The process that runs {@code bin/envy} for an in-place activation: the evaluating shell, or a fork of it for
     * {@code $( )} or {@code <( )}. Its name is the evaluating shell's either way, which is all it is asked for: the
     * dialect of the script.
     */
    private OptionalLong evaluatingShell(EvaluatingShell shells) {
        return outside.launcherPid().isPresent() ? shells.parentOf(outside.launcherPid().getAsLong())
                : OptionalLong.of(ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L));
    }

    private int hand(Mode mode, ShellChoice choice, Session session, boolean claimsItself, Optional<Path> claim) {
        outside.err().flush();
        return switch (mode) {
            case Mode.Command command -> writePlan(Scripts.commandPlan(session.change(), command.argv()));
            case Mode.Subshell subshell -> {
                try {
                    Path dir = Files.createTempDirectory("envy-activate-");
                    yield writePlan(Scripts.subshellPlan(session, choice.program(), dir));
                } catch (IOException e) {
                    outside.err().println("envy: cannot write the shell's start-up files: " + e.getMessage());
                    yield 1;
                }
            }
            case Mode.InPlace inPlace -> {
                outside.out().print(claimsItself ? Scripts.inPlace(session, claim) : Scripts.inPlace(session));
                outside.out().flush();
                yield 0;
            }
        };
    }

    private int writePlan(String plan) {
        if (outside.plan().isEmpty()) {
            outside.err().println("envy: cannot run a command or a subshell without the bin/envy launcher "
                    + "(ENVY_PLAN is not set); run envy through bin/envy");
            outside.err().flush();
            return 2;
        }
        Path file = outside.plan().get();
        try {
            Files.writeString(file, plan);
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the activation plan " + file, e);
        }
    }

    private EnvironmentChange base(Manifest manifest, String name) {
        Map<String, String> set = new LinkedHashMap<>();
        set.put(ACTIVE, outside.projectDir().toString());
        set.put("ENVY_PROJECT", outside.projectDir().toString());
        set.put("ENVY_ENV", EnvironmentId.of(outside.projectDir()));
        set.putAll(Vars.expand(manifest.vars(), outside.env()));
        return new EnvironmentChange(set, Set.of());
    }

    /**
     * PT-1: {@code WEB_PORT_HTTP} for each port the daemon has allocated now (after {@code -s} started the services).
     * A shell keeps the values it was given: a port that moves later is seen by the next activation and in
     * {@code envy services status}. Nothing is asked of the daemon when the manifest allocates no port.
     */
    private EnvironmentChange allocatedPorts(Manifest manifest) {
        if (manifest.services().values().stream().allMatch(s -> s.ports().isEmpty()) || !daemon.running()) {
            return new EnvironmentChange(Map.of(), Set.of());
        }
        Map<String, String> set = new LinkedHashMap<>();
        for (dev.envy.core.protocol.ServiceView v : daemon.services()) {
            v.ports().forEach((port, number) -> set.put(dev.envy.core.manifest.Ports.variable(v.name(), port),
                    Integer.toString(number)));
        }
        return new EnvironmentChange(set, Set.of());
    }

    private EnvironmentChange hookExports(Manifest manifest, EnvironmentChange change) {
        if (manifest.hook().onActivate().isEmpty()) {
            return new EnvironmentChange(Map.of(), Set.of());
        }
        try {
            HookRun.Outcome outcome = HookRun.run(manifest.hook().onActivate().get(),
                    change.applyTo(outside.env()), outside.projectDir());
            if (outcome.exitCode() != 0) {
                outside.err().println("envy: hook.on-activate exited with code " + outcome.exitCode()
                        + "; its exports are kept as far as it got");
            }
            return outcome.exports();
        } catch (IOException e) {
            outside.err().println("envy: cannot run hook.on-activate with bash: " + e.getMessage());
            return new EnvironmentChange(Map.of(), Set.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new EnvironmentChange(Map.of(), Set.of());
        }
    }

    static String profileOf(Manifest manifest, Shell shell) {
        String own = switch (shell) {
            case BASH -> manifest.profile().bash();
            case ZSH -> manifest.profile().zsh();
            case FISH -> manifest.profile().fish();
        };
        return String.join("\n", List.of(manifest.profile().common(), own)).strip();
    }

    static String nameOf(Path projectDir) {
        Path name = projectDir.getFileName();
        return name == null ? "/" : name.toString();
    }

    /**
     * {@link #REGISTERED}'s value: {@code PID:START_TIME} (a subshell or command), or {@code PID} alone (an in-place
     * activation's shell sets it to its own {@code $$}; its start time is read from {@code proc}).
     */
    record Registered(long pid, long startTime) {
        static Registered parse(String value, Path proc) {
            if (value == null) {
                return null;
            }
            String[] parts = value.split(":");
            try {
                long pid = Long.parseLong(parts[0]);
                if (parts.length == 2) {
                    return new Registered(pid, Long.parseLong(parts[1]));
                }
                OptionalLong start = ProcStat.startTime(proc, pid);
                return parts.length == 1 && start.isPresent() ? new Registered(pid, start.getAsLong()) : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}

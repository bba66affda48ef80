package dev.envy.core.manifest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code [services.NAME]} table after normalisation: every default filled in, every value typed, the settings
 * grouped by what they are for — how it runs ({@code command}, {@code vars}, {@code working-dir}, {@code is-daemon}),
 * when it runs ({@code depends-on}, {@code autostart}, {@code systems}), and the {@link Readiness}, {@link Restart}
 * and {@link Stop} settings.
 *
 * @param dependsOn dependency name to the condition this service waits for, in file order; the
 *                  array form is already resolved ({@code ready} where the dependency has a
 *                  readiness check, else {@code started})
 * @param workingDir relative to the project root ({@code "."} by default)
 * @param isDaemon  the command forks a background process and exits; the service lives as long as its tree
 * @param liveness  RD-3: the health check run while it is ready
 * @param watchdog  RD-2: how long it may go without sending {@code WATCHDOG=1} before it is killed
 * @param watch     WT-1: the paths whose changes restart it
 * @param ports     PT-1: port name to the base port envy allocates from ({@code ports.http = 8080}), in file order
 * @param restartsWith RS-9: the dependencies written with {@code restart = true}: when one of them restarts, this
 *                  service is stopped first and started again once the dependency meets its condition
 */
public record ServiceSpec(
        String name,
        String command,
        Map<String, String> vars,
        String workingDir,
        Map<String, Condition> dependsOn,
        Optional<Readiness> readiness,
        Restart restart,
        Stop stop,
        boolean isDaemon,
        boolean autostart,
        List<String> systems,
        Optional<Liveness> liveness,
        Optional<java.time.Duration> watchdog,
        Optional<PathWatch> watch,
        Map<String, Integer> ports,
        java.util.Set<String> restartsWith) {

    public ServiceSpec {
        vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        dependsOn = Collections.unmodifiableMap(new LinkedHashMap<>(dependsOn));
        systems = List.copyOf(systems);
        ports = Collections.unmodifiableMap(new LinkedHashMap<>(ports));
        restartsWith = Collections.unmodifiableSet(new java.util.LinkedHashSet<>(restartsWith));
    }

    /** A service with no liveness check, watchdog or watch, that allocates no port and restarts with no dependency. */
    public ServiceSpec(String name, String command, Map<String, String> vars, String workingDir,
                       Map<String, Condition> dependsOn, Optional<Readiness> readiness, Restart restart, Stop stop,
                       boolean isDaemon, boolean autostart, List<String> systems) {
        this(name, command, vars, workingDir, dependsOn, readiness, restart, stop, isDaemon, autostart, systems,
                Optional.empty(), Optional.empty(), Optional.empty(), Map.of(), java.util.Set.of());
    }

    /** A service with every default. */
    public static ServiceSpec of(String name, String command) {
        return builder(name, command).build();
    }

    /** A service with every default, to be changed before {@link Builder#build()}. */
    public static Builder builder(String name, String command) {
        return new Builder(name, command);
    }

    /** This service, to be changed before {@link Builder#build()}. */
    public Builder toBuilder() {
        return new Builder(name, command).vars(vars).workingDir(workingDir).dependsOn(dependsOn).readiness(readiness)
                .restart(restart).stop(stop).isDaemon(isDaemon).autostart(autostart).systems(systems)
                .liveness(liveness).watchdog(watchdog).watch(watch)
                .ports(ports).restartsWith(restartsWith);
    }

    /** A {@link ServiceSpec} under construction; starts from every default. */
    public static final class Builder {
        private final String name;
        private String command;
        private Map<String, String> vars = Map.of();
        private String workingDir = ".";
        private Map<String, Condition> dependsOn = Map.of();
        private Optional<Readiness> readiness = Optional.empty();
        private Restart restart = Restart.DEFAULT;
        private Stop stop = Stop.DEFAULT;
        private boolean isDaemon;
        private boolean autostart = true;
        private List<String> systems = List.of();
        private Optional<Liveness> liveness = Optional.empty();
        private Optional<java.time.Duration> watchdog = Optional.empty();
        private Optional<PathWatch> watch = Optional.empty();
        private Map<String, Integer> ports = Map.of();
        private java.util.Set<String> restartsWith = java.util.Set.of();

        private Builder(String name, String command) {
            this.name = name;
            this.command = command;
        }

        public Builder command(String value) {
            command = value;
            return this;
        }

        public Builder vars(Map<String, String> value) {
            vars = value;
            return this;
        }

        public Builder workingDir(String value) {
            workingDir = value;
            return this;
        }

        public Builder dependsOn(Map<String, Condition> value) {
            dependsOn = value;
            return this;
        }

        public Builder readiness(Optional<Readiness> value) {
            readiness = value;
            return this;
        }

        public Builder readiness(Readiness value) {
            return readiness(Optional.of(value));
        }

        public Builder restart(Restart value) {
            restart = value;
            return this;
        }

        public Builder stop(Stop value) {
            stop = value;
            return this;
        }

        public Builder isDaemon(boolean value) {
            isDaemon = value;
            return this;
        }

        public Builder autostart(boolean value) {
            autostart = value;
            return this;
        }

        public Builder systems(List<String> value) {
            systems = value;
            return this;
        }

        public Builder liveness(Optional<Liveness> value) {
            liveness = value;
            return this;
        }

        public Builder watchdog(Optional<java.time.Duration> value) {
            watchdog = value;
            return this;
        }

        public Builder watch(Optional<PathWatch> value) {
            watch = value;
            return this;
        }

        public Builder ports(Map<String, Integer> value) {
            ports = value;
            return this;
        }

        public Builder restartsWith(java.util.Set<String> value) {
            restartsWith = value;
            return this;
        }

        public ServiceSpec build() {
            return new ServiceSpec(name, command, vars, workingDir, dependsOn, readiness, restart, stop, isDaemon,
                    autostart, systems, liveness, watchdog, watch, ports, restartsWith);
        }
    }
}

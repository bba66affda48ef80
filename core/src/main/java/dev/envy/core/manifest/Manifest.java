package dev.envy.core.manifest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded, normalised and validated {@code envy.toml}.
 *
 * @param file      the manifest file it was read from
 * @param version   schema version (always 1 today)
 * @param vars      {@code [vars]} in file order, values still holding {@code ${NAME}} references
 * @param hook      {@code [hook]}
 * @param profile   {@code [profile]}
 * @param autoStart {@code [services] auto-start}
 * @param options   {@code [options]}
 * @param services  services by name, in file order; only those for the current system
 */
public record Manifest(
        Path file,
        int version,
        Map<String, String> vars,
        Hook hook,
        Profile profile,
        boolean autoStart,
        Options options,
        Map<String, ServiceSpec> services) {

    public Manifest {
        vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
        services = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(services));
    }

    public Optional<ServiceSpec> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    /** {@code [hook]}: scripts run by bash. */
    public record Hook(Optional<String> onActivate, Optional<String> onDeactivate) {
        public static final Hook NONE = new Hook(Optional.empty(), Optional.empty());
    }

    /** {@code [profile]}: sourced by interactive shells only. Empty strings when absent. */
    public record Profile(String common, String bash, String zsh, String fish) {
        public static final Profile NONE = new Profile("", "", "", "");
    }

    /**
     * {@code [options]}.
     *
     * @param logMaxSize      size at which each log file (every service's and the daemon's) is rotated
     * @param logKeep         rotated files kept per log
     * @param daemonLogFormat how the daemon writes its own log
     * @param strictPorts     PT-1: a taken base port fails the start instead of moving to the next free one
     */
    public record Options(List<String> systems, boolean autoReload, Size logMaxSize, int logKeep,
                          DaemonLogFormat daemonLogFormat, boolean strictPorts) {
        public static final Options DEFAULTS = new Options(List.of(), false, Size.ofBytes(10L * 1000 * 1000), 3,
                DaemonLogFormat.TEXT, false);

        public Options {
            systems = List.copyOf(systems);
            java.util.Objects.requireNonNull(daemonLogFormat, "daemonLogFormat");
        }

        /** Options where a taken base port moves to the next free one. */
        public Options(List<String> systems, boolean autoReload, Size logMaxSize, int logKeep,
                       DaemonLogFormat daemonLogFormat) {
            this(systems, autoReload, logMaxSize, logKeep, daemonLogFormat, false);
        }
    }
}

package dev.envy.core.manifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ${NAME}} in a service's {@code working-dir}, {@code readiness.http} / {@code .tcp} and {@code liveness.http} / {@code .tcp}, resolved against that
 * service's computed environment ({@code [vars]}, the hook's exports, its own {@code vars}, the outer environment) once
 * a manifest is applied: {@code readiness.http = "${APP_URL}/health"}. A name nothing defines is empty, as in
 * {@code [vars]}. A value that is no URL (or {@code host:port}) once resolved is an error naming the service, the key,
 * the text and what it became. Pure.
 *
 * @param manifest the manifest with every reference resolved (the same one when nothing referred to anything)
 * @param errors   what could not be resolved into a valid value; when not empty, {@code manifest} is not usable
 */
public record Resolution(Manifest manifest, List<String> errors) {

    public Resolution {
        errors = List.copyOf(errors);
    }

    /** Resolves every service of {@code manifest} with its environment from {@code environments} (by service name). */
    public static Resolution of(Manifest manifest, Map<String, Map<String, String>> environments) {
        List<String> errors = new ArrayList<>();
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        boolean changed = false;
        for (ServiceSpec spec : manifest.services().values()) {
            ServiceSpec resolved = resolve(spec, environments.getOrDefault(spec.name(), Map.of()),
                    Ports.visibleTo(manifest, spec.name(), String::valueOf), errors);
            changed |= resolved != spec;
            services.put(spec.name(), resolved);
        }
        if (!changed) {
            return new Resolution(manifest, errors);
        }
        return new Resolution(new Manifest(manifest.file(), manifest.version(), manifest.vars(), manifest.hook(),
                manifest.profile(), manifest.autoStart(), manifest.options(), services), errors);
    }

    /**
     * {@code spec} with its references resolved in {@code environment}. PT-1: a readiness or liveness check that refers to a port
     * variable ({@code portBases}: name to a stand-in value) is checked with the stand-in and stays pending, to be
     * resolved by {@link #atSpawn} once the port is allocated.
     */
    private static ServiceSpec resolve(ServiceSpec spec, Map<String, String> environment,
                                       Map<String, String> portBases, List<String> errors) {
        ServiceSpec.Builder b = null;
        if (!Vars.references(spec.workingDir()).isEmpty()) {
            String dir = expand(spec.workingDir(), environment);
            b = spec.toBuilder().workingDir(dir.isBlank() ? "." : dir);
        }
        CheckResolution readiness = resolveCheck(spec.name(), "readiness", spec.readiness().map(Readiness::check),
                environment, portBases, errors);
        if (readiness.failed()) {
            return spec;
        }
        CheckResolution liveness = resolveCheck(spec.name(), "liveness", spec.liveness().map(Liveness::check),
                environment, portBases, errors);
        if (liveness.failed()) {
            return spec;
        }
        if (readiness.now().isPresent()) {
            Readiness r = spec.readiness().orElseThrow();
            b = (b == null ? spec.toBuilder() : b).readiness(new Readiness(readiness.now().get(), r.interval(),
                    r.timeout(), r.initialDelay()));
        }
        if (liveness.now().isPresent()) {
            b = (b == null ? spec.toBuilder() : b).liveness(Optional.of(spec.liveness().orElseThrow()
                    .withCheck(liveness.now().get())));
        }
        return b == null ? spec : b.build();
    }

    /**
     * What became of one check: {@code now} is the check to use from now on (empty: keep it as it is, because it
     * was not pending or waits for its port), {@code failed} when it is no valid check once resolved.
     */
    private record CheckResolution(Optional<Readiness.Check> now, boolean failed) {
        static final CheckResolution UNCHANGED = new CheckResolution(Optional.empty(), false);
        static final CheckResolution FAILED = new CheckResolution(Optional.empty(), true);
    }

    /**
     * The check under {@code key} ({@code readiness} or {@code liveness}) resolved if it is pending: with
     * {@code environment}, or, when it refers to a port, with the ports' stand-ins only to prove it valid, leaving it
     * pending until the spawn.
     */
    private static CheckResolution resolveCheck(String service, String key, Optional<Readiness.Check> current,
                                                Map<String, String> environment, Map<String, String> portBases,
                                                List<String> errors) {
        if (!(current.orElse(null) instanceof Readiness.Pending p)) {
            return CheckResolution.UNCHANGED;
        }
        boolean late = refersTo(p, portBases);
        Optional<Readiness.Check> check = resolved(service, key, p,
                late ? withStandIns(environment, portBases) : environment, errors);
        if (check.isEmpty()) {
            return CheckResolution.FAILED;
        }
        return late ? CheckResolution.UNCHANGED : new CheckResolution(check, false);
    }

    /** {@code p} resolved with {@code environment}, or empty with an error naming the service and {@code key}. */
    private static Optional<Readiness.Check> resolved(String service, String key, Readiness.Pending p,
                                                     Map<String, String> environment, List<String> errors) {
        String text = expand(p.text(), environment);
        Optional<Readiness.Check> check = p.of().equals("http") ? CheckSyntax.http(text) : CheckSyntax.tcp(text);
        if (check.isEmpty()) {
            String problem = p.of().equals("http") ? CheckSyntax.HTTP_PROBLEM : CheckSyntax.TCP_PROBLEM;
            errors.add("service '" + service + "': " + key + "." + p.of() + " '" + p.text() + "' "
                    + problem.formatted(text).replaceFirst(", not '", " once resolved, not '"));
        }
        return check;
    }

    /** PT-1: whether {@code p} refers to a port variable, known only once the port is allocated. */
    private static boolean refersTo(Readiness.Pending p, Map<String, String> portBases) {
        return Vars.references(p.text()).stream().anyMatch(portBases::containsKey);
    }

    private static Map<String, String> withStandIns(Map<String, String> environment, Map<String, String> portBases) {
        Map<String, String> values = new java.util.HashMap<>(environment);
        values.putAll(portBases);
        return values;
    }

    /**
     * PT-1: {@code spec} as it is spawned with {@code environment}, which holds its allocated ports: a readiness or
     * liveness check still pending is resolved; the error is added when it is no valid check once resolved.
     */
    public static ServiceSpec atSpawn(ServiceSpec spec, Map<String, String> environment, List<String> errors) {
        boolean pending = spec.readiness().map(r -> r.check() instanceof Readiness.Pending).orElse(false)
                || spec.liveness().map(l -> l.check() instanceof Readiness.Pending).orElse(false);
        if (!pending) {
            return spec;
        }
        return resolve(spec, environment, Map.of(), errors);
    }

    /** {@code text} with each {@code ${NAME}} replaced by its value in {@code environment} (empty when unset). */
    static String expand(String text, Map<String, String> environment) {
        return Vars.expand(Map.of("_", text), environment).get("_");
    }
}

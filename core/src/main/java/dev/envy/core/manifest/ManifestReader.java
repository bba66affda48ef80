package dev.envy.core.manifest;

import dev.envy.core.manifest.ManifestDraft.ServiceDraft;
import dev.envy.core.manifest.Section.Positioned;
import dev.envy.core.text.Suggest;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Normalises the top level of a parsed manifest: sections type-checked, defaults filled, services read. */
final class ManifestReader {
    static final int MAX_NAME_LENGTH = 64;
    /** Flox sections: accepted so a Flox manifest loads, and not acted on. */
    private static final Set<String> FLOX_SECTIONS = Set.of("install", "build", "containerize", "include",
            "schema-version");
    private static final Set<String> TOP_KEYS;
    private static final Set<String> OPTION_KEYS = Set.of("systems", "auto-reload", "log-max-size", "log-keep",
            "daemon-log-format", "strict-ports");
    /** Flox options, accepted and not acted on. */
    private static final Set<String> FLOX_OPTIONS = Set.of("allow", "semver", "cuda-detection", "activate");
    private static final Set<String> ALL_OPTION_KEYS;

    static {
        Set<String> top = new HashSet<>(Set.of("version", "vars", "hook", "profile", "services", "options"));
        top.addAll(FLOX_SECTIONS);
        TOP_KEYS = Set.copyOf(top);
        Set<String> options = new HashSet<>(OPTION_KEYS);
        options.addAll(FLOX_OPTIONS);
        ALL_OPTION_KEYS = Set.copyOf(options);
    }

    private final Problems problems;
    private final Section top;

    private ManifestReader(TomlTable root, Problems problems) {
        this.problems = problems;
        this.top = new Section(root, "", "", problems);
    }

    static ManifestDraft read(TomlTable root, Problems problems) {
        return new ManifestReader(root, problems).read();
    }

    private ManifestDraft read() {
        checkTopKeys();
        int version = version();
        List<Positioned.Entry> vars = vars();
        Manifest.Hook hook = hook();
        Manifest.Profile profile = profile();
        Optional<TomlPosition> systemsAt = Optional.empty();
        Manifest.Options options = Manifest.Options.DEFAULTS;
        Optional<TomlTable> optionsTable = top.subTable("options", Optional.empty());
        if (optionsTable.isPresent()) {
            Section o = new Section(optionsTable.get(), "[options]", "", problems);
            options = options(o);
            systemsAt = o.has("systems") ? Optional.of(o.position("systems")) : Optional.empty();
        }
        boolean autoStart = false;
        List<ServiceDraft> services = new ArrayList<>();
        Optional<TomlTable> servicesTable = top.subTable("services", Optional.of("define services as [services.NAME]"));
        if (servicesTable.isPresent()) {
            autoStart = services(servicesTable.get(), services);
        }
        return new ManifestDraft(version, vars, hook, profile, autoStart, options, systemsAt, services);
    }

    private void checkTopKeys() {
        for (String key : top.table().keySet()) {
            if (!TOP_KEYS.contains(key)) {
                Optional<String> hint = Suggest.hint(key, TOP_KEYS).or(() -> belongsIn(key));
                problems.add(top.position(key), "unknown top-level key '" + key + "'", hint);
            }
        }
    }

    private static Optional<String> belongsIn(String key) {
        if (ServiceReader.KEYS.contains(key)) {
            return Optional.of("'" + key + "' belongs in a [services.NAME] table");
        }
        if (OPTION_KEYS.contains(key)) {
            return Optional.of("'" + key + "' belongs in [options]");
        }
        if (key.equals("on-activate") || key.equals("on-deactivate")) {
            return Optional.of("'" + key + "' belongs in [hook]");
        }
        return Optional.empty();
    }

    private int version() {
        Object v = top.raw("version");
        if (v == null) {
            return 1;
        }
        if (!(v instanceof Long n)) {
            top.wrongType("version", "an integer", v, Section.unquoteHint("version", v).or(() -> Optional.of("write version = 1")));
            return 1;
        }
        if (n != 1) {
            problems.add(top.position("version"), "unsupported manifest version " + n,
                    "this envy reads version = 1");
        }
        return 1;
    }

    private List<Positioned.Entry> vars() {
        Optional<TomlTable> table = top.subTable("vars", Optional.empty());
        if (table.isEmpty()) {
            return List.of();
        }
        Section s = new Section(table.get(), "[vars]", "", problems);
        List<Positioned.Entry> entries = s.stringEntries();
        for (Positioned.Entry e : entries) {
            if (!Vars.isValidName(e.key())) {
                problems.add(e.position(), "invalid variable name '" + e.key() + "' in [vars]",
                        "use letters, digits and '_', not starting with a digit");
            }
        }
        return entries;
    }

    private Manifest.Hook hook() {
        Optional<TomlTable> table = top.subTable("hook", Optional.empty());
        if (table.isEmpty()) {
            return Manifest.Hook.NONE;
        }
        Section s = new Section(table.get(), "[hook]", "", problems);
        s.checkKeys(Set.of("on-activate", "on-deactivate"), Map.of("script", "on-activate",
                "activate", "on-activate", "deactivate", "on-deactivate"));
        return new Manifest.Hook(s.string("on-activate"), s.string("on-deactivate"));
    }

    private Manifest.Profile profile() {
        Optional<TomlTable> table = top.subTable("profile", Optional.empty());
        if (table.isEmpty()) {
            return Manifest.Profile.NONE;
        }
        Section s = new Section(table.get(), "[profile]", "", problems);
        s.checkKeys(Set.of("common", "bash", "zsh", "fish", "tcsh"), Map.of("sh", "common", "all", "common"));
        s.string("tcsh");
        return new Manifest.Profile(s.string("common").orElse(""), s.string("bash").orElse(""),
                s.string("zsh").orElse(""), s.string("fish").orElse(""));
    }

    private Manifest.Options options(Section o) {
        o.checkKeys(ALL_OPTION_KEYS, Map.of("auto_reload", "auto-reload", "reload", "auto-reload",
                "system", "systems", "platforms", "systems", "log-format", "daemon-log-format",
                "strict_ports", "strict-ports", "strictports", "strict-ports"));
        List<String> systems = new ArrayList<>();
        for (Positioned s : o.strings("systems").orElse(List.of())) {
            checkSystem(s, o.label("systems"), problems);
            systems.add(s.value());
        }
        boolean autoReload = o.bool("auto-reload").orElse(false);
        Size logMaxSize = Manifest.Options.DEFAULTS.logMaxSize();
        Optional<String> size = o.string("log-max-size");
        if (size.isPresent()) {
            Optional<Size> parsed = Sizes.parse(size.get());
            if (parsed.isEmpty() || parsed.get().bytes() == 0) {
                parsed = Optional.empty();
                o.invalid("log-max-size", "is not a size: '" + size.get() + "'", Optional.of(Sizes.HINT));
            }
            logMaxSize = parsed.orElse(logMaxSize);
        }
        int logKeep = o.integer("log-keep", 0, 1000).orElse(Manifest.Options.DEFAULTS.logKeep());
        DaemonLogFormat daemonLogFormat = Manifest.Options.DEFAULTS.daemonLogFormat();
        Optional<String> format = o.string("daemon-log-format");
        if (format.isPresent()) {
            Optional<DaemonLogFormat> parsed = DaemonLogFormat.parse(format.get());
            if (parsed.isEmpty()) {
                o.invalid("daemon-log-format", "is not a daemon log format: '" + format.get() + "'",
                        Optional.of(DaemonLogFormat.HINT));
            }
            daemonLogFormat = parsed.orElse(daemonLogFormat);
        }
        boolean strictPorts = o.bool("strict-ports").orElse(false);
        return new Manifest.Options(systems, autoReload, logMaxSize, logKeep, daemonLogFormat, strictPorts);
    }

    static void checkSystem(Positioned system, String label, Problems problems) {
        if (!Systems.KNOWN.contains(system.value())) {
            problems.add(system.position(), label + " names unknown system '" + system.value() + "'",
                    Suggest.hint(system.value(), Systems.KNOWN).orElse("known systems: "
                            + String.join(", ", Systems.KNOWN.subList(0, 4)) + " and other Nix systems"));
        }
    }

    /**
     * Reads every service; returns {@code [services] auto-start}. More than {@link ManifestLimits#MAX_SERVICES}
     * services are one problem, at the first service over the limit, and none is read.
     */
    private boolean services(TomlTable table, List<ServiceDraft> out) {
        Section s = new Section(table, "[services]", "", problems);
        List<TomlPosition> services = new ArrayList<>();
        for (String key : table.keySet()) {
            if (s.raw(key) instanceof TomlTable) {
                services.add(s.position(key));
            }
        }
        if (services.size() > ManifestLimits.MAX_SERVICES) {
            services.sort(java.util.Comparator.comparingInt(TomlPosition::line).thenComparingInt(TomlPosition::column));
            problems.add(services.get(ManifestLimits.MAX_SERVICES), problems.file() + " defines " + services.size()
                    + " services; the limit is " + ManifestLimits.MAX_SERVICES, "this is service number "
                    + (ManifestLimits.MAX_SERVICES + 1) + "; split the environment into several projects");
            return false;
        }
        boolean autoStart = false;
        for (String key : table.keySet()) {
            Object v = s.raw(key);
            if (key.equals("auto-start")) {
                autoStart = s.bool(key).orElse(false);
            } else if (v instanceof TomlTable service) {
                checkName(key, s.position(key));
                out.add(ServiceReader.read(key, service, s.position(key), problems));
            } else if (Suggest.closest(key, List.of("auto-start")).isPresent()) {
                problems.add(s.position(key), "unknown key '" + key + "' in [services]",
                        Suggest.didYouMean("auto-start"));
            } else {
                problems.add(s.position(key), "'services." + key + "' must be a table, not " + Section.typeOf(v),
                        "a service is a table: [services." + key + "]");
            }
        }
        return autoStart;
    }

    private void checkName(String name, TomlPosition at) {
        if (name.length() > MAX_NAME_LENGTH) {
            problems.add(at, "service name '" + name.substring(0, 20) + "...' is " + name.length()
                    + " characters long", "use at most " + MAX_NAME_LENGTH);
        } else if (!validName(name)) {
            problems.add(at, "invalid service name '" + name + "'",
                    "use letters, digits, '_', '.' and '-', starting with a letter or digit");
        }
    }

    static boolean validName(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH || !alnum(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(alnum(c) || c == '_' || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean alnum(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
}

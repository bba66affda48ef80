package dev.envy.cli.export;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.WriterConfig;
import dev.envy.cli.Binding;
import dev.envy.cli.CliCommand;
import dev.envy.cli.EnvyException;
import dev.envy.cli.ExitCode;
import dev.envy.cli.Project;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.Resolution;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.core.manifest.ManifestPositions;
import dev.envy.core.text.Suggest;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code envy export systemd}: the environment as systemd units, to run it on a server without envy. */
public final class ExportCommand extends CliCommand {

    @Override
    protected void define(CommandSpec spec) {
        spec.name("export");
        spec.usageMessage()
                .description("Write the environment as systemd units, to run it on a server without envy or a JVM.",
                        "",
                        "ENGINE is systemd (the one engine so far): a target, envy-NAME.target, and a unit per service, "
                        + "envy-NAME-SERVICE.service, carrying its dependencies, readiness check, stop signal and "
                        + "timeout, shutdown command, restart policy, working directory, variables (in an .env file "
                        + "beside the unit) and log file. What systemd cannot express is a warning naming the key "
                        + "and its line. The mapping, key by key: docs/export.md.")
                .footerHeading("%nExamples:%n")
                .footer("  envy export systemd                   into .envy/export/systemd/",
                        "  envy export systemd -o units/         into units/",
                        "  sudo envy export systemd --install    into /etc/systemd/system, then:",
                        "  sudo systemctl enable --now envy-NAME.target",
                        "  envy export systemd --user --install  for your own systemd",
                        "  envy export systemd --json            what was written, and the warnings");
        spec.addPositional(PositionalParamSpec.builder().index("0").arity("1").required(true).paramLabel("ENGINE")
                .description("systemd (the only engine so far).")
                .type(String.class).setter(Binding.to((String v) -> engine = v)).build());
        spec.addOption(OptionSpec.builder("-o", "--output").paramLabel("DIR")
                .description("Write the files here (created if missing). Default: the project's .envy/export/systemd/")
                .type(Path.class).setter(Binding.to((Path v) -> output = v)).build());
        flag(spec, "Write the files where systemd looks (/etc/systemd/system, or ~/.config/systemd/user with "
                + "--user) and print the systemctl lines that start and enable them.", v -> install = v, "--install");
        flag(spec, "Units for your own systemd (systemctl --user) rather than the system's.", v -> user = v, "--user");
        spec.addOption(OptionSpec.builder("--name").paramLabel("NAME")
                .description("The environment's name in the unit names. Default: the project directory's name.")
                .type(String.class).setter(Binding.to((String v) -> name = v)).build());
        flag(spec, "Send the services' output to the journal (journalctl -u 'envy-NAME-*') instead of "
                + ".envy/logs/SERVICE.log.", v -> journal = v, "--journal");
        flag(spec, "Print what was written and the warnings as one JSON object.", v -> json = v, "--json");
    }

    static final List<String> ENGINES = List.of("systemd");
    static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";
    static final Path SYSTEM_UNIT_DIR = Path.of("/etc/systemd/system");

    String engine;

    Path output;

    boolean install;

    boolean user;

    String name;

    boolean journal;

    boolean json;

    @Override
    protected int execute() throws IOException {
        if (!ENGINES.contains(engine)) {
            throw EnvyException.invalid("unknown export engine '" + engine + "'",
                    Suggest.hint(engine, ENGINES).map(h -> h + "; ").orElse("")
                            + "envy export supports: " + String.join(", ", ENGINES));
        }
        if (install && output != null) {
            throw EnvyException.invalid("--install and -o both say where to write the units",
                    "give one of them: --install writes to where systemd looks");
        }
        Project project = project();
        Manifest asWritten = manifest(project);
        String envName = envName(project);
        Optional<UserPrincipal> owner = projectOwner(project);
        Path dir = unitDir(project);
        boolean inStateDir = output == null && !install;
        if (inStateDir) {
            ExportFiles.prepareLogs(project.dir(), List.of(), owner);
        }
        ExportFiles.checkWritable(dir, inStateDir ? owner : Optional.empty(), inStateDir, writeHint());

        ManifestPositions positions = positions(project);
        ExportEnvironment environment = ExportEnvironment.of(asWritten, context().env(), project.dir());
        Manifest manifest = resolved(asWritten, environment);
        SystemdUnits.Settings settings = new SystemdUnits.Settings(envName, project.dir(), project.manifest(), dir,
                user, journal, owner.map(UserPrincipal::getName).filter(n -> !n.equals("root")),
                context().system());
        Warnings warnings = new Warnings(project.manifest().getFileName().toString(), positions);
        List<SystemdUnits.UnitFile> files = SystemdUnits.of(manifest, environment, settings, warnings);

        ExportFiles.prepareLogs(project.dir(), manifest.services().keySet(), owner);
        List<Path> written = ExportFiles.write(dir, files, inStateDir, owner);
        Set<String> names = new LinkedHashSet<>();
        files.forEach(f -> names.add(f.fileName()));
        List<Path> removed = ExportFiles.removeStale(dir, SystemdUnits.header(envName, project.manifest()), names);
        List<String> commands = commands(envName);
        if (json) {
            out().println(toJson(envName, project, dir, files, written, removed, warnings.sorted(), commands)
                    .toString(WriterConfig.PRETTY_PRINT));
            return ExitCode.OK;
        }
        warnings.sorted().forEach(w -> err().println(w.format()));
        err().flush();
        report(envName, project, dir, files, removed, commands);
        return ExitCode.OK;
    }

    private String envName(Project project) {
        if (name != null) {
            if (!name.matches(NAME_PATTERN)) {
                throw EnvyException.invalid("'" + name + "' cannot be part of a unit name",
                        "use letters, digits and _.- (starting with a letter or digit, at most 64), e.g. --name webapp");
            }
            return name;
        }
        Path fileName = project.dir().getFileName();
        String derived = fileName == null ? "" : fileName.toString().replaceAll("[^A-Za-z0-9_.-]+", "-")
                .replaceAll("^[^A-Za-z0-9]+", "");
        if (derived.length() > 64) {
            derived = derived.substring(0, 64);
        }
        if (!derived.matches(NAME_PATTERN)) {
            throw EnvyException.invalid("the project directory's name does not make a unit name",
                    "choose one with --name, e.g. --name webapp");
        }
        return derived;
    }

    private Path unitDir(Project project) {
        if (output != null) {
            return context().workingDir().resolve(output).toAbsolutePath().normalize();
        }
        if (!install) {
            return project.dir().resolve(".envy").resolve("export").resolve("systemd");
        }
        if (!user) {
            return SYSTEM_UNIT_DIR;
        }
        String config = context().env().get("XDG_CONFIG_HOME");
        if (config != null && config.startsWith("/")) {
            return Path.of(config, "systemd", "user");
        }
        String home = context().env().get("HOME");
        if (home == null || !home.startsWith("/")) {
            throw EnvyException.invalid("--user --install needs $HOME to find ~/.config/systemd/user",
                    "set HOME, or write the units elsewhere with -o DIR");
        }
        return Path.of(home, ".config", "systemd", "user");
    }

    private String writeHint() {
        if (install && !user) {
            return "installing system units needs root: run it with sudo, or add --user for your own systemd";
        }
        return install ? "check the permissions of ~/.config/systemd/user" : "choose a directory you can write with -o DIR";
    }

    /** The owner of the project directory: system units run as that user, and files envy creates are theirs. */
    private static Optional<UserPrincipal> projectOwner(Project project) {
        try {
            return Optional.of(Files.getOwner(project.dir()));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static ManifestPositions positions(Project project) {
        try {
            return ManifestPositions.of(Files.readString(project.manifest(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return ManifestPositions.of("");
        }
    }

    private List<String> commands(String envName) {
        String systemctl = user ? "systemctl --user" : "systemctl";
        String target = SystemdUnits.targetName(envName);
        List<String> lines = new ArrayList<>();
        if (install) {
            lines.add(systemctl + " enable --now " + target);
            lines.add(systemctl + " daemon-reload && " + systemctl + " restart " + target);
            if (user) {
                lines.add("loginctl enable-linger " + context().env().getOrDefault("USER", "$USER"));
            }
        }
        return lines;
    }

    private void report(String envName, Project project, Path dir, List<SystemdUnits.UnitFile> files,
                        List<Path> removed, List<String> commands) {
        long units = files.stream().filter(f -> !f.kind().equals("environment")).count();
        out().println((install ? "installed " : "wrote ") + units + " units and " + (files.size() - units)
                + " environment files in " + dir + ":");
        for (SystemdUnits.UnitFile f : files) {
            if (!f.kind().equals("environment")) {
                out().println("  " + f.fileName());
            }
        }
        if (!removed.isEmpty()) {
            out().println("removed what an earlier export wrote for services no longer in "
                    + project.manifest().getFileName() + ": " + String.join(", ",
                    removed.stream().map(p -> p.getFileName().toString()).toList()));
        }
        if (install) {
            out().println("start the environment now and at every boot:");
            out().println("  " + commands.get(0));
            out().println("after exporting again, apply the new units with:");
            out().println("  " + commands.get(1));
            if (user) {
                out().println("so that your systemd runs it at boot, before you log in:");
                out().println("  " + commands.get(2));
            }
        } else {
            out().println("the units name their .env files by path: keep the files together, or export with --install"
                    + " to put them where systemd looks" + (user ? "" : " (as root)"));
        }
        out().println("logs: " + (journal ? "journalctl " + (user ? "--user " : "") + "-u 'envy-" + envName + "-*'"
                : project.dir().resolve(".envy/logs") + "/SERVICE.log"));
    }

    private JsonObject toJson(String envName, Project project, Path dir, List<SystemdUnits.UnitFile> files,
                              List<Path> written, List<Path> removed, List<ExportWarning> warnings,
                              List<String> commands) {
        JsonArray fileArray = Json.array();
        for (int i = 0; i < files.size(); i++) {
            SystemdUnits.UnitFile f = files.get(i);
            fileArray.add(Json.object().add("name", f.fileName()).add("kind", f.kind())
                    .add("path", written.get(i).toString()));
        }
        JsonArray removedArray = Json.array();
        removed.forEach(p -> removedArray.add(p.toString()));
        JsonArray warningArray = Json.array();
        for (ExportWarning w : warnings) {
            warningArray.add(Json.object().add("file", w.file()).add("line", w.line()).add("column", w.column())
                    .add("key", w.key()).add("message", w.message()).add("text", w.format()));
        }
        JsonArray commandArray = Json.array();
        commands.forEach(commandArray::add);
        return Json.object()
                .add("engine", engine)
                .add("name", envName)
                .add("manifest", project.manifest().toString())
                .add("directory", dir.toString())
                .add("installed", install)
                .add("user", user)
                .add("target", SystemdUnits.targetName(envName))
                .add("files", fileArray)
                .add("removed", removedArray)
                .add("warnings", warningArray)
                .add("commands", commandArray)
                .add("logs", journal ? "journal" : project.dir().resolve(".envy/logs").toString());
    }

    /** {@code ${NAME}} in working-dir and readiness checks, with the values the units' environment files get. */
    private Manifest resolved(Manifest manifest, ExportEnvironment environment) {
        java.util.Map<String, java.util.Map<String, String>> values = new java.util.LinkedHashMap<>();
        environment.byService().forEach((name, vars) -> {
            java.util.Map<String, String> all = new java.util.HashMap<>(context().env());
            all.putAll(vars);
            values.put(name, all);
        });
        Resolution resolution = Resolution.of(manifest, values);
        if (!resolution.errors().isEmpty()) {
            throw EnvyException.invalid(String.join("; ", resolution.errors()),
                    "the value must be a URL (readiness.http) or host:port (readiness.tcp) once its variables are set");
        }
        // PT-1: a check at an allocated port is at its base port, which the environment files give the service
        java.util.Map<String, ServiceSpec> services = new java.util.LinkedHashMap<>();
        java.util.List<String> errors = new java.util.ArrayList<>();
        resolution.manifest().services().forEach((name, spec) ->
                services.put(name, Resolution.atSpawn(spec, values.get(name), errors)));
        Manifest m = resolution.manifest();
        return new Manifest(m.file(), m.version(), m.vars(), m.hook(), m.profile(), m.autoStart(), m.options(),
                services);
    }
}

package dev.envy.cli.commands;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import com.eclipsesource.json.WriterConfig;
import dev.envy.cli.CliCommand;
import dev.envy.cli.ExitCode;
import dev.envy.cli.ManifestFiles;
import dev.envy.cli.Project;
import dev.envy.core.manifest.LoadResult;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.Problem;
import dev.envy.core.manifest.ServiceSpec;
import dev.envy.host.manifest.ManifestTrust;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;
import java.util.Optional;

/** {@code envy check}: validate the manifest and show the start plan. */
public final class CheckCommand extends CliCommand {

    @Override
    protected void define(CommandSpec spec) {
        spec.name("check");
        spec.usageMessage()
                .description("Validate envy.toml and print the start plan: the services level by level (each level starts "
                        + "together, once the level before it is up) and what each service waits for.",
                        "Every problem in the file is reported at once as envy.toml:LINE:COL: message, and the exit code is 2.",
                        "A manifest someone else could have written says so on stderr when envy would run nothing from it "
                        + "until you `envy allow` it; checking it still exits 0 (reading it runs nothing).")
                .footerHeading("%nExamples:%n")
                .footer("  envy check                      the manifest of this project",
                        "  envy -d manifests/webapp check  another project's",
                        "  envy check --json               the same, for scripts",
                        "",
                        "Output for a web app:",
                        "  1: cache, db",
                        "  2: migrate",
                        "  3: web",
                        "  migrate waits for db (ready)",
                        "  web waits for cache (started), db (ready), migrate (completed)");
        flag(spec, "Print the result as one JSON object (also for an invalid manifest).", v -> json = v, "--json");
    }

    boolean json;

    @Override
    protected int execute() {
        Project project = project();
        LoadResult result = ManifestFiles.load(project, context().system());
        Optional<ManifestTrust.Refusal> refusal = ManifestFiles.refusal(project, context().env());
        if (json) {
            JsonObject o = toJson(project, result).add("allowed", refusal.isEmpty())
                    .add("refusal", refusal.<JsonValue>map(r -> Json.object().add("message", r.message())
                            .add("hint", r.hint())).orElse(Json.NULL));
            out().println(o.toString(WriterConfig.PRETTY_PRINT));
            return result instanceof LoadResult.Loaded ? ExitCode.OK : ExitCode.INVALID;
        }
        // HD-11: before the manifest's own problems, which end the command
        refusal.ifPresent(r -> {
            err().println("envy: warning: " + r.message());
            err().println("hint: " + r.hint());
        });
        Manifest manifest = ManifestFiles.loadValid(project, context().system());
        int n = manifest.services().size();
        out().println(project.manifest() + ": valid, " + n + (n == 1 ? " service" : " services"));
        StartPlan.of(manifest).lines().forEach(out()::println);
        return ExitCode.OK;
    }

    private JsonObject toJson(Project project, LoadResult result) {
        JsonObject o = Json.object().add("manifest", project.manifest().toString());
        switch (result) {
            case LoadResult.Loaded loaded -> {
                Manifest m = loaded.manifest();
                StartPlan plan = StartPlan.of(m);
                JsonArray levels = Json.array();
                plan.levels().forEach(level -> levels.add(strings(level)));
                JsonObject services = Json.object();
                for (ServiceSpec s : m.services().values()) {
                    JsonObject deps = Json.object();
                    s.dependsOn().forEach((dep, cond) -> deps.add(dep, cond.word()));
                    services.add(s.name(), Json.object()
                            .add("command", s.command())
                            .add("dependsOn", deps)
                            .add("readiness", s.readiness().map(r -> r.check().kind()).orElse(null))
                            .add("autostart", s.autostart()));
                }
                o.add("valid", true).add("levels", levels).add("services", services);
            }
            case LoadResult.Invalid invalid -> {
                JsonArray problems = Json.array();
                for (Problem p : invalid.problems()) {
                    problems.add(Json.object().add("file", p.file()).add("line", p.line()).add("column", p.column())
                            .add("message", p.message()).add("hint", p.hint().orElse(null))
                            .add("text", p.format()));
                }
                o.add("valid", false).add("problems", problems);
            }
        }
        return o;
    }

    private static JsonArray strings(List<String> values) {
        JsonArray a = Json.array();
        values.forEach(a::add);
        return a;
    }
}

package dev.envy.cli.commands;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.WriterConfig;
import dev.envy.cli.CliContext;
import dev.envy.cli.ExitCode;
import dev.envy.cli.Invocation;
import dev.envy.cli.InvocationCommand;
import dev.envy.cli.ManifestFiles;
import dev.envy.cli.Project;
import dev.envy.cli.client.DaemonRequests;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.protocol.Request;
import dev.envy.core.protocol.Response;
import dev.envy.core.protocol.ServiceView;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code envy services status}: STA-1…6, UP-3. Read-only: never starts a daemon. */
public final class ServicesStatusCommand extends InvocationCommand {

    @Override
    protected void define(CommandSpec spec) {
        spec.name("status");
        spec.usageMessage()
                .description("Show each service: status, whether it is ready, PID, uptime, automatic restarts and its last exit "
                        + "code or signal. Works anywhere: with no daemon running, every service is not-started, or orphaned "
                        + "when a daemon that died left it running (`envy down` stops it).",
                        "Statuses: not-started, waiting (on dependencies), blocked (a dependency failed), starting, running, "
                        + "stopping, stopped (by request), completed (exited 0 by itself), failed, backoff (waiting "
                        + "to restart), orphaned (left running by a daemon that died).")
                .footerHeading("%nExamples:%n")
                .footer("  envy services status              every service",
                        "  envy services status db web       just these",
                        "  envy services status --json       every field, for scripts");
        serviceNames(spec, "Services to show (default: all).", v -> names = v);
        flag(spec, "Print one JSON object with every field.", v -> json = v, "--json");
    }

    List<String> names = new ArrayList<>();

    boolean json;

    @Override
    public Invocation.Status invocation() {
        return new Invocation.Status(dirOption(), names, json);
    }

    /** The command's work, with or without picocli ({@link Invocation}). */
    public static int show(Project project, CliContext context, List<String> names, boolean json, PrintWriter out) {
        // With a daemon running, it checks the names (ST-8) against the applied manifest and the CLI never parses
        // envy.toml: that keeps the most frequent command fast, and an invalid file on disk cannot hide what runs.
        Optional<Response> answer = new DaemonRequests(context.daemonConnector(project), out)
                .sendIfRunning(new Request.Status(names));
        Response.StatusReport report = answer.map(r -> r instanceof Response.StatusReport s ? s : null)
                .orElse(null);
        if (answer.isPresent() && report == null) {
            throw DaemonRequests.unexpected(answer.get());
        }
        List<String> checked = names;
        if (report == null) {
            Manifest manifest = ManifestFiles.loadValid(project, context.system());
            checked = ServiceNames.targeted(ServiceNames.check(names, manifest), manifest);
        }
        boolean running = report != null;
        Map<String, Long> orphaned = running ? Map.of() : OrphanedServices.of(context.daemonConnector(project));
        List<ServiceView> views = running ? report.services()
                : checked.stream().map(n -> orphaned.containsKey(n) ? orphaned(n, orphaned.get(n)) : notStarted(n))
                .toList();
        if (json) {
            out.println(toJson(running, report, views).toString(WriterConfig.PRETTY_PRINT));
            return ExitCode.OK;
        }
        StatusTable.render(views, context.clock().instant()).forEach(out::println);
        if (!running && !orphaned.isEmpty()) {
            out.println("(no daemon runs for this environment, but one that died left " + orphaned.size()
                    + " service(s) running; `envy down` stops them)");
        } else if (!running) {
            out.println("(no daemon runs for this environment; `envy up -d` or `envy activate -s` starts one)");
        } else if (report.manifestStale() && !Files.exists(project.manifest())) {
            out.println("envy.toml does not exist any more; the services run as last applied (`envy down` stops them)");
        } else if (report.manifestStale()) {
            out.println("envy.toml changed since it was applied; `envy services reload` applies it");
        }
        return ExitCode.OK;
    }

    /** CS-13: a process group a daemon that died left running. */
    private static ServiceView orphaned(String name, long pid) {
        return new ServiceView(name, "orphaned", false, pid, 0, 0, 0, -1, null,
                "left running by a daemon that died; `envy down` stops it");
    }

    private static ServiceView notStarted(String name) {
        return new ServiceView(name, "not-started", false, -1, 0, 0, 0, -1, null, null);
    }

    /** PT-1: {@code {"http": 8081}}, empty while no process holds them. */
    private static JsonObject ports(ServiceView s) {
        JsonObject o = Json.object();
        s.ports().forEach(o::add);
        return o;
    }

    private static JsonObject toJson(boolean running, Response.StatusReport report, List<ServiceView> views) {
        JsonArray services = Json.array();
        for (ServiceView s : views) {
            services.add(Json.object()
                    .add("name", s.name()).add("status", s.status()).add("ready", s.ready())
                    .add("pid", s.pid() > 0 ? Json.value(s.pid()) : Json.NULL)
                    .add("sinceMillis", s.sinceMillis()).add("startedMillis", s.startedMillis())
                    .add("restarts", s.restarts())
                    .add("exitCode", s.exitCode() >= 0 ? Json.value(s.exitCode()) : Json.NULL)
                    .add("signal", s.signal()).add("message", s.message())
                    .add("statusText", s.statusText())
                    .add("ports", ports(s)));
        }
        return Json.object()
                .add("daemonRunning", running)
                .add("manifestStale", running && report.manifestStale())
                .add("activations", running ? report.activations() : 0)
                .add("hold", running && report.hold())
                .add("services", services);
    }
}

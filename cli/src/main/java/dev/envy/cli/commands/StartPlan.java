package dev.envy.cli.commands;

import dev.envy.core.graph.ServiceGraph;
import dev.envy.core.manifest.Condition;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.ServiceSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code envy check} shows of a valid manifest: the start levels ({@code 1: cache, db}) and what each service
 * waits for ({@code migrate waits for db (ready)}), in start order.
 */
public record StartPlan(List<List<String>> levels, List<String> waits, List<String> manual) {

    public static StartPlan of(Manifest manifest) {
        List<List<String>> levels = ServiceGraph.of(manifest.services()).startLevels();
        List<String> waits = new ArrayList<>();
        List<String> manual = new ArrayList<>();
        for (List<String> level : levels) {
            for (String name : level) {
                ServiceSpec spec = manifest.services().get(name);
                if (!spec.dependsOn().isEmpty()) {
                    waits.add(name + " waits for " + describe(spec.dependsOn()));
                }
                if (!spec.autostart()) {
                    manual.add(name);
                }
            }
        }
        return new StartPlan(levels, waits, manual);
    }

    private static String describe(Map<String, Condition> deps) {
        List<String> parts = new ArrayList<>();
        deps.forEach((dep, condition) -> parts.add(dep + " (" + condition.word() + ")"));
        return String.join(", ", parts);
    }

    /** The lines printed by {@code envy check}. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            lines.add((i + 1) + ": " + String.join(", ", levels.get(i)));
        }
        lines.addAll(waits);
        if (!manual.isEmpty()) {
            lines.add("not started by default (autostart = false): " + String.join(", ", manual));
        }
        return lines;
    }
}

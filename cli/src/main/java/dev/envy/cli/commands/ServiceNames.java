package dev.envy.cli.commands;

import dev.envy.cli.EnvyException;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.text.Suggest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** ST-8/SP-9/RS-7: the names a command was given, checked against the manifest before anything is done. */
public final class ServiceNames {
    private ServiceNames() {
    }

    /** The names without duplicates, in the order given; exit 2 naming every unknown one with a did-you-mean. */
    public static List<String> check(List<String> names, Manifest manifest) {
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            if (!manifest.services().containsKey(name)) {
                unknown.add("'" + name + "'" + Suggest.closest(name, manifest.services().keySet())
                        .map(s -> " (did you mean '" + s + "'?)").orElse(""));
            }
        }
        if (!unknown.isEmpty()) {
            throw EnvyException.invalid((unknown.size() == 1 ? "unknown service " : "unknown services ")
                            + String.join(", ", unknown) + "; nothing was done",
                    manifest.services().isEmpty() ? "the manifest defines no services"
                            : "the services of this project are: " + String.join(", ", manifest.services().keySet()));
        }
        return List.copyOf(new LinkedHashSet<>(names));
    }

    /** The targeted set of a command that acts on every service when given none. */
    public static List<String> targeted(List<String> checkedNames, Manifest manifest) {
        return checkedNames.isEmpty() ? List.copyOf(manifest.services().keySet()) : checkedNames;
    }
}

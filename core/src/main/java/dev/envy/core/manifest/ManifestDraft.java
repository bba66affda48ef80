package dev.envy.core.manifest;

import dev.envy.core.manifest.Section.Positioned;
import org.tomlj.TomlPosition;

import java.util.List;
import java.util.Optional;

/**
 * A manifest after normalisation (types checked, defaults filled) but before the cross-cutting rules, keeping where
 * things were written so those rules can point at them.
 *
 * @param systemsAt where {@code [options] systems} is, when given
 */
record ManifestDraft(int version, List<Positioned.Entry> vars, Manifest.Hook hook, Manifest.Profile profile,
                     boolean autoStart, Manifest.Options options, Optional<TomlPosition> systemsAt,
                     List<ServiceDraft> services) {

    /**
     * One service: its spec with {@code dependsOn} still empty, and its dependencies as written.
     *
     * @param position where its table starts
     */
    record ServiceDraft(ServiceSpec spec, TomlPosition position, List<Dependency> dependencies) {
        String name() {
            return spec.name();
        }
    }

    /**
     * One {@code depends-on} entry: the condition is empty for the array form (and a table entry that names none);
     * {@code restart}: RS-9's {@code restart = true}.
     */
    record Dependency(String name, Optional<Condition> condition, TomlPosition position, boolean restart) {
    }
}

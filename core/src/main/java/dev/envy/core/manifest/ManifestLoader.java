package dev.envy.core.manifest;

import dev.envy.core.manifest.ManifestDraft.Dependency;
import dev.envy.core.manifest.ManifestDraft.ServiceDraft;
import dev.envy.core.manifest.Section.Positioned;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code envy.toml}: parse (tomlj) → normalise ({@link ManifestReader}, {@link ServiceReader}) → validate
 * ({@link ManifestRules}). All problems at once, sorted by position; never an exception, whatever the input.
 */
public final class ManifestLoader {
    private ManifestLoader() {
    }

    /**
     * Loads the bytes of the manifest file {@code file} (read by the caller: core reads no file). {@code system} is the
     * current Nix-style system ({@code x86_64-linux}, see {@link Systems#current()}); services and the environment are
     * checked against it. Bytes that are not UTF-8 are a problem at the position of the first bad byte.
     */
    public static LoadResult decode(byte[] bytes, Path file, String system) {
        String name = displayName(file);
        Optional<LoadResult> tooLarge = ManifestLimits.checkSize(name, bytes.length);
        if (tooLarge.isPresent()) {
            return tooLarge.get(); // the caller reads at most one byte more than the limit (ManifestLimits)
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            out.flip();
            String before = out.toString();
            int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
            int column = before.length() - before.lastIndexOf('\n');
            return new LoadResult.Invalid(List.of(new Problem(name, line, column, name + " is not valid UTF-8",
                    java.util.Optional.of("save it as UTF-8"))));
        }
        out.flip();
        return parse(out.toString(), file, system);
    }

    /**
     * The manifest file could not be read: one problem at its first line, saying {@code why} ({@code "no such file"}),
     * with {@code hint} when there is one.
     */
    public static LoadResult unreadable(Path file, String why, String hint) {
        String name = displayName(file);
        return single(name, "cannot read " + name + ": " + why, hint);
    }

    /** Loads manifest text as if read from {@code file} (whose file name is used in problems). */
    public static LoadResult parse(String text, Path file, String system) {
        String name = displayName(file);
        if (text.length() > ManifestLimits.MAX_BYTES / 3) {
            Optional<LoadResult> tooLarge = ManifestLimits.checkSize(name, utf8Length(text));
            if (tooLarge.isPresent()) {
                return tooLarge.get();
            }
        }
        try {
            return parseChecked(text.startsWith("\uFEFF") ? text.substring(1) : text, file, name, system);
        } catch (StackOverflowError e) {
            return single(name, name + " is nested too deeply to read", "flatten its arrays and inline tables");
        } catch (RuntimeException e) {
            return single(name, "envy could not read " + name + " (" + e + ")",
                    "this is a bug in envy: please report it with the manifest");
        }
    }

    private static LoadResult parseChecked(String text, Path file, String name, String system) {
        Problems problems = new Problems(name);
        TomlParseResult toml = Toml.parse(text);
        if (toml.hasErrors()) {
            for (TomlParseError error : toml.errors()) {
                problems.add(error.position(), "invalid TOML: " + syntaxMessage(error.getMessage()));
            }
            return new LoadResult.Invalid(problems.sorted());
        }
        if (toml.isEmpty()) {
            return single(name, name + (text.isBlank() ? " is empty" : " has only comments"),
                    "add `version = 1` and a [services.NAME] table; `envy init` writes a starter");
        }
        ManifestDraft draft = ManifestReader.read(toml, problems);
        problems.addAll(ManifestRules.dependenciesExist(draft, system, name));
        problems.addAll(ManifestRules.noDependencyCycles(draft, system, name));
        problems.addAll(ManifestRules.noVarCycles(draft, system, name));
        problems.addAll(ManifestRules.systemSupported(draft, system, name));
        if (!problems.isEmpty()) {
            return new LoadResult.Invalid(problems.sorted());
        }
        return new LoadResult.Loaded(build(draft, file, system));
    }

    private static Manifest build(ManifestDraft draft, Path file, String system) {
        Map<String, ServiceDraft> all = new LinkedHashMap<>();
        for (ServiceDraft s : draft.services()) {
            all.put(s.name(), s);
        }
        Map<String, ServiceSpec> services = new LinkedHashMap<>();
        for (ServiceDraft service : draft.services()) {
            if (!ManifestRules.runsOn(service, system)) {
                continue;
            }
            Map<String, Condition> dependsOn = new LinkedHashMap<>();
            java.util.Set<String> restartsWith = new java.util.LinkedHashSet<>();
            for (Dependency dep : service.dependencies()) {
                if (dep.restart()) {
                    restartsWith.add(dep.name());
                }
                Condition condition = dep.condition().isPresent() ? dep.condition().get()
                        : all.get(dep.name()).spec().readiness().isPresent() ? Condition.READY : Condition.STARTED;
                dependsOn.putIfAbsent(dep.name(), condition);
            }
            services.put(service.name(), service.spec().toBuilder().dependsOn(dependsOn).restartsWith(restartsWith)
                    .build());
        }
        Map<String, String> vars = new LinkedHashMap<>();
        for (Positioned.Entry e : draft.vars()) {
            vars.put(e.key(), e.value());
        }
        return new Manifest(file, draft.version(), vars, draft.hook(), draft.profile(), draft.autoStart(),
                draft.options(), services);
    }

    private static long utf8Length(String text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }

    private static String syntaxMessage(String message) {
        String m = message == null ? "unreadable input" : message;
        return m.isEmpty() ? m : m.substring(0, 1).toLowerCase(Locale.ROOT) + m.substring(1);
    }

    private static LoadResult single(String name, String message, String hint) {
        Problems problems = new Problems(name);
        TomlPosition start = null;
        if (hint == null) {
            problems.add(start, message);
        } else {
            problems.add(start, message, hint);
        }
        return new LoadResult.Invalid(problems.sorted());
    }

    private static String displayName(Path file) {
        Path name = file == null ? null : file.getFileName();
        return name == null ? "envy.toml" : name.toString();
    }
}

package dev.envy.core.manifest;

import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where the keys of a manifest are written, for notes about a manifest that has already loaded (a loaded
 * {@link Manifest} keeps values, not positions): {@code envy export} points each thing it cannot carry over at its
 * {@code envy.toml:LINE:COL}. Pure: it reads the text it is given, with the loader's parser.
 */
public final class ManifestPositions {

    /** A 1-based line and column. */
    public record Position(int line, int column) {
    }

    private final TomlTable root;

    private ManifestPositions(TomlTable root) {
        this.root = root;
    }

    /** The positions in {@code text}; a text that does not parse has none. */
    public static ManifestPositions of(String text) {
        TomlParseResult toml = Toml.parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
        return new ManifestPositions(toml.hasErrors() ? Toml.parse("") : toml);
    }

    /** Where the key at {@code path} (each element one key, e.g. {@code services, web, restart}) is written. */
    public Optional<Position> at(String... path) {
        if (path.length == 0 || value(path) == null) {
            return Optional.empty();
        }
        TomlPosition at = root.inputPositionOf(List.of(path));
        return at == null ? Optional.empty() : Optional.of(new Position(at.line(), at.column()));
    }

    /** Whether the key at {@code path} is written. */
    public boolean has(String... path) {
        return path.length > 0 && value(path) != null;
    }

    /** The keys of the table at {@code path}, in file order; empty when it is not a table. */
    public Set<String> keys(String... path) {
        Object v = path.length == 0 ? root : value(path);
        return v instanceof TomlTable t ? new LinkedHashSet<>(t.keySet()) : Set.of();
    }

    /** The strings of the array at {@code path} (other elements skipped); empty when it is not an array. */
    public List<String> strings(String... path) {
        List<String> out = new ArrayList<>();
        if (value(path) instanceof TomlArray a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i) instanceof String s) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private Object value(String... path) {
        return path.length == 0 ? root : root.get(List.of(path));
    }
}

package dev.envy.cli.export;

import dev.envy.core.manifest.ManifestPositions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects an export's warnings, each placed at its key (or the nearest enclosing key that is written). */
final class Warnings {
    private final String file;
    private final ManifestPositions positions;
    private final List<ExportWarning> list = new ArrayList<>();

    Warnings(String file, ManifestPositions positions) {
        this.file = file;
        this.positions = positions;
    }

    void add(String message, String... key) {
        ManifestPositions.Position at = null;
        for (int n = key.length; n > 0 && at == null; n--) {
            at = positions.at(java.util.Arrays.copyOf(key, n)).orElse(null);
        }
        int line = at == null ? 1 : at.line();
        int column = at == null ? 1 : at.column();
        list.add(new ExportWarning(file, line, column, dotted(key), message));
    }

    /** {@code services.web.restart}; a key that is not bare in TOML is quoted: {@code services."api.v2".restart}. */
    static String dotted(String... key) {
        List<String> parts = new ArrayList<>();
        for (String k : key) {
            parts.add(k.matches("[A-Za-z0-9_-]+") ? k : "\"" + k.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return String.join(".", parts);
    }

    ManifestPositions positions() {
        return positions;
    }

    /** In file order. */
    List<ExportWarning> sorted() {
        List<ExportWarning> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparingInt(ExportWarning::line).thenComparingInt(ExportWarning::column));
        return List.copyOf(sorted);
    }
}

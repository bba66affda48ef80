package dev.envy.core.manifest;

import java.util.Optional;

/**
 * One thing wrong with a manifest, at a position in its file.
 *
 * @param file   the file name as shown to the user (usually {@code envy.toml})
 * @param line   1-based line
 * @param column 1-based column
 * @param hint   an extra sentence that helps, e.g. {@code did you mean 'depends-on'?}
 */
public record Problem(String file, int line, int column, String message, Optional<String> hint) {

    /** {@code envy.toml:3:1: unknown key 'depend-on' in service 'web' (did you mean 'depends-on'?)}. */
    public String format() {
        return file + ":" + line + ":" + column + ": " + message + hint.map(h -> " (" + h + ")").orElse("");
    }
}

package dev.envy.cli.export;

/**
 * Something the manifest says that the exported units do not carry, or carry differently, at the key that says it.
 *
 * @param file    the manifest's file name ({@code envy.toml})
 * @param key     the key's path, dotted: {@code services.web.restart}
 * @param message one sentence: what systemd does instead
 */
record ExportWarning(String file, int line, int column, String key, String message) {

    /** {@code envy.toml:37:1: warning: services.web.restart: systemd restarts …}. */
    String format() {
        return file + ":" + line + ":" + column + ": warning: " + key + ": " + message;
    }
}

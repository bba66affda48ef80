package dev.envy.core.runtime;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * CS-3: the id of an environment: its directory's name made safe ({@code [A-Za-z0-9_.-]}, at most
 * {@value #MAX_NAME} characters) then {@code -} and the first 10 hex digits of the SHA-256 of the canonical path.
 * Readable in {@code ls}, unique per path, and short enough to keep the socket path under the ~104 bytes a Unix
 * socket address allows.
 */
public final class EnvironmentId {

    static final int MAX_NAME = 24;
    private static final int HASH_HEX = 10;

    private EnvironmentId() {
    }

    /** The id of the environment whose canonical (absolute, symlinks resolved) project directory is {@code dir}. */
    public static String of(Path canonicalProjectDir) {
        Path name = canonicalProjectDir.getFileName();
        return sanitize(name == null ? "" : name.toString()) + "-" + hash(canonicalProjectDir.toString());
    }

    static String sanitize(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length() && out.length() < MAX_NAME; i++) {
            char c = name.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-';
            out.append(safe ? c : '_');
        }
        // a leading dot would hide the directory; "." and ".." are not names
        if (out.isEmpty() || out.charAt(0) == '.') {
            out.insert(0, "env");
            out.setLength(Math.min(out.length(), MAX_NAME));
        }
        return out.toString();
    }

    private static String hash(String path) {
        return HexFormat.of().formatHex(Sha256.digest(path.getBytes(StandardCharsets.UTF_8))).substring(0, HASH_HEX);
    }
}

package dev.envy.cli.client;

import dev.envy.core.protocol.Response;

/**
 * How a streamed state change reads: {@code db: ready}, {@code web: failed (exit code 3)}, and
 * {@code db: stopped by SIGINT} rather than {@code db: stopped (stopped by SIGINT)} when the detail repeats the state.
 */
public final class ProgressLine {
    private ProgressLine() {
    }

    public static String of(Response.Progress p) {
        return p.service() + ": " + p.status() + detail(p);
    }

    /** What follows the state: {@code " (exit code 3)"}, {@code " by SIGINT"}, or nothing. */
    public static String detail(Response.Progress p) {
        String detail = p.detail();
        if (detail == null || detail.isBlank()) {
            return "";
        }
        if (detail.startsWith(p.status() + " ")) {
            return detail.substring(p.status().length());
        }
        return " (" + detail + ")";
    }
}

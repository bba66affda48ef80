package dev.envy.cli.client;

import dev.envy.core.protocol.Response;

/** How a streamed state change reads: {@code db: ready}, {@code web: failed (exit code 3)}. */
public final class ProgressLine {
    private ProgressLine() {
    }

    public static String of(Response.Progress p) {
        String detail = p.detail() == null || p.detail().isBlank() ? "" : " (" + p.detail() + ")";
        return p.service() + ": " + p.status() + detail;
    }
}

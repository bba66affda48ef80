package dev.envy.cli.attach;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The terminal's modes exactly as {@code stty -g} prints them, to put back what jline's {@code Attributes} cannot
 * hold: the line speed (jline writes 0 baud, which {@code stty} then reports). Read before the view takes the
 * terminal, written back after jline restored the rest. Without {@code stty} nothing is saved and jline's restore
 * stands alone.
 */
final class SttyModes {
    static final SttyModes NONE = new SttyModes(null);
    private static final Duration DEADLINE = Duration.ofSeconds(2);

    private final String modes;

    private SttyModes(String modes) {
        this.modes = modes;
    }

    /** The modes of this process's terminal (its stdin), or {@link #NONE}. */
    static SttyModes save() {
        String out = stty("-g");
        return out == null || out.isBlank() || out.contains(" ") ? NONE : new SttyModes(out.strip());
    }

    void restore() {
        if (modes != null) {
            stty(modes);
        }
    }

    /** Runs {@code stty ARG} on this process's terminal; its output, or null when it could not. */
    private static String stty(String arg) {
        try {
            Process p = new ProcessBuilder("stty", arg).redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

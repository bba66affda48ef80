package dev.envy.cli.edit;

import dev.envy.cli.EnvyException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** The user's editor: {@code $VISUAL}, else {@code $EDITOR}, else {@code vi}; run by sh so it may carry arguments. */
final class Editor {
    private Editor() {
    }

    static String command(Map<String, String> env) {
        for (String name : new String[]{"VISUAL", "EDITOR"}) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "vi";
    }

    /**
     * Runs the editor on {@code file} on this terminal and waits for it. No deadline: the wait is for a person to
     * finish editing. A failing editor is exit 1 and leaves the manifest alone.
     */
    static void open(String editor, Path file, Path workingDir) {
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", editor + " \"$@\"", editor, file.toString())
                .directory(workingDir.toFile())
                .inheritIO();
        int exit;
        try {
            exit = builder.start().waitFor();
        } catch (IOException e) {
            throw EnvyException.failed("could not run the editor `" + editor + "`: " + e.getMessage(),
                    "set $VISUAL or $EDITOR to an editor that works here");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw EnvyException.failed("interrupted while the editor ran; envy.toml was left as it was", null);
        }
        if (exit != 0) {
            throw EnvyException.failed("the editor `" + editor + "` exited with code " + exit
                    + "; envy.toml was left as it was", exit == 127 ? "set $VISUAL or $EDITOR to an editor installed "
                    + "here" : null);
        }
    }
}

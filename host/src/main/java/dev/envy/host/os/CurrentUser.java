package dev.envy.host.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The uid this process runs as, which keys the runtime directory (CS-4) and which the daemon expects (CS-10): the one
 * way the CLI and the daemon ask for it.
 */
public final class CurrentUser {

    private CurrentUser() {
    }

    /**
     * The owner of {@code /proc/self}: this process's effective uid (the same as the real one for envy, which never
     * changes ids), without native code.
     */
    public static long uid() throws IOException {
        return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
    }
}

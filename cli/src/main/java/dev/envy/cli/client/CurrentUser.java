package dev.envy.cli.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The uid this process runs as, which keys the runtime directory (CS-4) and which the daemon expects (CS-10). */
public final class CurrentUser {

    private CurrentUser() {
    }

    /** The owner of {@code /proc/self}: this process's uid, without native code. */
    public static long uid() throws IOException {
        return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
    }
}

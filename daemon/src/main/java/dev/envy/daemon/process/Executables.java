package dev.envy.daemon.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds envy's own helper programs by name in the daemon's PATH and the standard directories, once. */
final class Executables {

    private Executables() {}

    static String find(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/bin";
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        return name;
    }
}

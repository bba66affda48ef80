package dev.envy.daemon.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Finds programs: envy's own helpers by name in the daemon's PATH and the standard directories, once; and what
 * bash would find and do for a plain service command (the file-system half of {@link dev.envy.core.runtime.PlainCommand}).
 */
final class Executables {

    private static final byte[] ELF = {0x7f, 'E', 'L', 'F'};

    private Executables() {}

    /**
     * The path bash would exec for the program word {@code name} when it is an ELF executable: {@code name} itself
     * when it holds a slash (relative to {@code workingDir}), else the first executable regular file of that name on
     * {@code path}, as bash writes it. Empty when there is none or it is not ELF (a script: bash's business).
     */
    static Optional<String> elfProgram(String name, String path, Path workingDir) {
        if (name.contains("/")) {
            Path file = workingDir.resolve(name);
            return Files.isRegularFile(file) && Files.isExecutable(file) && isElf(file)
                    ? Optional.of(name) : Optional.empty();
        }
        for (String dir : path.split(":", -1)) {
            String candidate = dir.endsWith("/") ? dir + name : dir + "/" + name;
            Path file = Path.of(candidate);
            if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                return isElf(file) ? Optional.of(candidate) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * What bash sets PWD to, started in {@code workingDir} with {@code environment}: the inherited PWD when it is an
     * absolute, normalised name of that directory, else the directory's physical path. Null when bash's own rules
     * would be needed to tell (an inherited PWD of that directory with {@code .} or {@code ..} in it).
     */
    static String bashPwd(Map<String, String> environment, Path workingDir) {
        String inherited = environment.get("PWD");
        if (inherited != null && inherited.startsWith("/") && sameFile(inherited, workingDir)) {
            return Path.of(inherited).normalize().toString().equals(inherited) ? inherited : null;
        }
        try {
            return workingDir.toRealPath().toString();
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean sameFile(String path, Path dir) {
        try {
            return Files.isSameFile(Path.of(path), dir);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean isElf(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(ELF.length), ELF);
        } catch (IOException e) {
            return false;
        }
    }

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

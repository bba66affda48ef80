package dev.envy.host.log;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The files of one service's log: {@code <service>.log} and its rotated predecessors {@code <service>.log.1}
 * (newest) … {@code <service>.log.N} (oldest), as the daemon's log store rotates them.
 */
public final class LogFiles {
    private LogFiles() {
    }

    /** {@code <logsDir>/<service>.log}. */
    public static Path current(Path logsDir, String service) {
        return logsDir.resolve(service + ".log");
    }

    /** The rotated files that exist, oldest first ({@code .log.N} … {@code .log.1}); not the current file. */
    public static List<Path> rotated(Path logsDir, String service) throws IOException {
        String prefix = service + ".log.";
        Map<Integer, Path> byNumber = new TreeMap<>(Comparator.reverseOrder());
        if (!Files.isDirectory(logsDir)) {
            return List.of();
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(logsDir, prefix + "*")) {
            for (Path entry : entries) {
                String suffix = entry.getFileName().toString().substring(prefix.length());
                if (!suffix.isEmpty() && suffix.length() < 9 && suffix.chars().allMatch(Character::isDigit)) {
                    byNumber.put(Integer.parseInt(suffix), entry);
                }
            }
        }
        return List.copyOf(byNumber.values());
    }

    /** Every existing file of the service's log, oldest first, the current file last. */
    public static List<Path> chain(Path logsDir, String service) throws IOException {
        List<Path> files = new ArrayList<>(rotated(logsDir, service));
        Path current = current(logsDir, service);
        if (Files.exists(current)) {
            files.add(current);
        }
        return files;
    }

    /** The identity of the file at {@code path} (device and inode), which survives a rename; null if absent. */
    public static Object key(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException absentOrUnreadable) {
            return null;
        }
    }

    /** The service names with a log in {@code logsDir} ({@code daemon.log} excluded), sorted. */
    public static List<String> servicesOnDisk(Path logsDir) throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(logsDir)) {
            return names;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(logsDir, "*.log")) {
            for (Path entry : entries) {
                String file = entry.getFileName().toString();
                String name = file.substring(0, file.length() - ".log".length());
                if (!name.equals("daemon") && !name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        names.sort(null);
        return names;
    }
}

package dev.envy.host.os;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * ST-11: who listens on a TCP port of this machine, from {@code /proc/net/tcp} and {@code /proc/net/tcp6} (sockets in
 * state LISTEN) and, for the holder, the {@code /proc/PID/fd} links that name the socket's inode. Another user's
 * processes cannot be looked into: then the port is known to be taken, by an unknown holder.
 */
public final class ListeningPorts {

    private static final String LISTEN = "0A";

    private ListeningPorts() {
    }

    /** Who holds a listening port: a process where /proc shows it. */
    public record Holder(int port, OptionalLong pid, Optional<String> name) {
        /** {@code port 18080 is already in use by pid 1234 (python3)}, or without the holder where it is hidden. */
        public String describe() {
            String by = pid.isPresent() ? " by pid " + pid.getAsLong() + name.map(n -> " (" + n + ")").orElse("") : "";
            return "port " + port + " is already in use" + by;
        }
    }

    /** The holder of {@code port} when something on this machine listens on it, in any address family. */
    public static Optional<Holder> holder(int port) {
        return holder(Path.of("/proc"), port);
    }

    static Optional<Holder> holder(Path proc, int port) {
        Optional<String> inode = Optional.empty();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            inode = inode.or(() -> listeningInode(proc.resolve(table), port));
        }
        if (inode.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong pid = owner(proc, "socket:[" + inode.get() + "]");
        Optional<String> name = pid.isPresent() ? ProcStat.name(proc, pid.getAsLong()) : Optional.empty();
        return Optional.of(new Holder(port, pid, name));
    }

    /** The inode of a socket listening on {@code port} in one of /proc/net's tables. */
    private static Optional<String> listeningInode(Path table, int port) {
        List<String> lines;
        try {
            lines = Files.readAllLines(table);
        } catch (IOException e) {
            return Optional.empty(); // no IPv6 on this machine, or no /proc
        }
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
            if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals(LISTEN)) {
                return Optional.of(f[9]);
            }
        }
        return Optional.empty();
    }

    private static OptionalLong owner(Path proc, String link) {
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> isNumber(p.getFileName().toString()))) {
            for (Path pidDir : pids) {
                try (DirectoryStream<Path> fds = Files.newDirectoryStream(pidDir.resolve("fd"))) {
                    for (Path fd : fds) {
                        try {
                            if (link.equals(Files.readSymbolicLink(fd).toString())) {
                                return OptionalLong.of(Long.parseLong(pidDir.getFileName().toString()));
                            }
                        } catch (IOException e) {
                            // the fd closed meanwhile
                        }
                    }
                } catch (IOException | SecurityException e) {
                    // another user's process, or gone
                }
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}

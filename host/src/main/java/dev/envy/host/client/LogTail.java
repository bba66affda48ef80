package dev.envy.host.client;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file from a given offset on, reading at most 64 KiB however big the file is. */
final class LogTail {

    private static final int MAX_BYTES = 64 * 1024;

    private LogTail() {
    }

    static long size(Path file) {
        return file.toFile().length();
    }

    /** The last {@code lines} lines written at or after byte {@code from}; empty when there are none. */
    static List<String> of(Path file, long from, int lines) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long end = f.length();
            long start = Math.max(Math.max(0, from), end - MAX_BYTES);
            if (start >= end) {
                return List.of();
            }
            byte[] bytes = new byte[(int) (end - start)];
            f.seek(start);
            f.readFully(bytes);
            List<String> all = new ArrayList<>(Arrays.asList(
                    new String(bytes, StandardCharsets.UTF_8).split("\n", -1)));
            if (!all.isEmpty() && all.getLast().isEmpty()) {
                all.removeLast();
            }
            if (start > from && !all.isEmpty()) {
                all.removeFirst(); // a partial line
            }
            return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return List.of();
        }
    }
}

package dev.envy.daemon;

import dev.envy.core.log.LogFormat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** ST-9: the last lines of a service's log file, without their time stamps; reads only the file's end. */
public final class LogTail {
    /** Enough for ten long lines; a longer tail is cut, never loaded whole. */
    static final int WINDOW = 256 * 1024;

    private LogTail() {
    }

    public static List<String> last(Path file, int count) {
        if (count <= 0 || !Files.isRegularFile(file)) {
            return List.of();
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int size = (int) Math.min(length, WINDOW);
            byte[] buffer = new byte[size];
            in.seek(length - size);
            in.readFully(buffer);
            Deque<String> lines = new ArrayDeque<>();
            int end = size;
            if (end > 0 && buffer[end - 1] == '\n') {
                end--;
            }
            for (int i = end - 1; i >= -1 && lines.size() < count; i--) {
                if (i == -1 || buffer[i] == '\n') {
                    if (i == -1 && size < length) {
                        break; // the first line of the window is cut
                    }
                    int from = i + 1;
                    lines.addFirst(LogFormat.parse(buffer, from, end - from).text());
                    end = i;
                }
            }
            return new ArrayList<>(lines);
        } catch (IOException e) {
            return List.of();
        }
    }
}

package dev.envy.daemon.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** Reads envy log files back as raw line payloads (time prefix checked and removed). */
public final class LogFiles {

    private static final Pattern PREFIX = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z ");

    private LogFiles() {}

    public static List<byte[]> payloads(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            byte[] all = Files.readAllBytes(file);
            List<byte[]> lines = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < all.length; i++) {
                if (all[i] == '\n') {
                    String prefix = new String(all, start, Math.min(25, i - start), java.nio.charset.StandardCharsets.US_ASCII);
                    if (!PREFIX.matcher(prefix).matches()) {
                        throw new AssertionError("line without a time prefix in " + file + ": " + prefix);
                    }
                    lines.add(Arrays.copyOfRange(all, start + 25, i));
                    start = i + 1;
                }
            }
            if (start != all.length) {
                throw new AssertionError(file + " does not end with a newline");
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> lines(Path file) {
        return payloads(file).stream().map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8)).toList();
    }

    /** The text of a file, empty if it does not exist (yet). */
    public static String text(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}

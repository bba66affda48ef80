package dev.envy.cli.logs;

import com.eclipsesource.json.Json;
import dev.envy.core.log.LogFormat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes log lines for a reader, as bytes so a line's bytes reach stdout unchanged (LG-8: invalid UTF-8 stays as
 * written): {@code name | line} with names padded to the longest, the {@code name |} part coloured per service when
 * asked (LG-2), or one JSON object per line (LG-3) with {@code time}, {@code service} and {@code line}.
 */
final class LogPrinter {

    enum Style { PLAIN, COLOUR, JSON }

    private static final byte[] RESET = "\u001b[0m".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final Style style;
    /** Stands for the time of a line that has none, with {@code -t}. */
    private static final byte[] NO_TIME = " ".repeat(LogFormat.PREFIX_LENGTH).getBytes(StandardCharsets.US_ASCII);

    private final Map<String, byte[]> prefixes = new HashMap<>();
    private final boolean timestamps;

    /** @param services the services shown, in the order that gives them their colours */
    LogPrinter(OutputStream out, Style style, List<String> services) {
        this(out, style, services, false);
    }

    /** @param timestamps whether each line shows its time after the name (the JSON style always has it) */
    LogPrinter(OutputStream out, Style style, List<String> services, boolean timestamps) {
        this.out = out;
        this.style = style;
        this.timestamps = timestamps;
        int width = services.stream().mapToInt(String::length).max().orElse(0);
        for (int i = 0; i < services.size(); i++) {
            String name = services.get(i);
            String padded = name + " ".repeat(width - name.length()) + " |";
            String prefix = switch (style) {
                case PLAIN, JSON -> padded + " ";
                case COLOUR -> "\u001b[" + ServiceColours.sgr(i) + "m" + padded + "\u001b[0m ";
            };
            prefixes.put(name, prefix.getBytes(StandardCharsets.UTF_8));
        }
    }

    void print(LogEntry entry) throws IOException {
        switch (style) {
            case JSON -> {
                String time = entry.time() == null ? null
                        : new String(LogFormat.encodePrefix(entry.time()), StandardCharsets.US_ASCII).trim();
                String json = Json.object().add("time", time).add("service", entry.service())
                        .add("line", new String(entry.payload(), StandardCharsets.UTF_8)).toString();
                out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
            }
            case PLAIN, COLOUR -> {
                out.write(prefixes.computeIfAbsent(entry.service(),
                        s -> (s + " | ").getBytes(StandardCharsets.UTF_8)));
                if (timestamps) {
                    out.write(entry.time() == null ? NO_TIME : LogFormat.encodePrefix(entry.time()));
                }
                out.write(entry.payload());
                if (style == Style.COLOUR) {
                    out.write(RESET); // a line that set colours must not colour the next prefix
                }
                out.write('\n');
            }
        }
    }

    void flush() throws IOException {
        out.flush();
    }
}

package dev.envy.cli.attach;

import dev.envy.cli.logs.LogEntry;

import java.nio.charset.StandardCharsets;

/**
 * One log line as the pane shows it.
 *
 * @param service the service that wrote it
 * @param text    the line made safe for a terminal: only colour sequences kept, tabs expanded ({@link LogText})
 * @param plain   the same without colours: what search matches and copy mode prints
 */
public record PaneLine(String service, String text, String plain) {

    public static PaneLine of(String service, String raw) {
        String text = LogText.sanitize(raw);
        return new PaneLine(service, text, LogText.plain(text));
    }

    public static PaneLine of(LogEntry entry) {
        return of(entry.service(), new String(entry.payload(), StandardCharsets.UTF_8));
    }
}

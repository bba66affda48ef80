package dev.envy.core.log;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LogFormatTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void prefixIsIsoUtcWithMillisAndASpace() {
        byte[] prefix = LogFormat.encodePrefix(Instant.parse("2026-11-22T01:02:03.456789Z"));
        assertEquals("2026-11-22T01:02:03.456Z ", new String(prefix, StandardCharsets.US_ASCII));
        assertEquals(LogFormat.PREFIX_LENGTH, prefix.length);
    }

    @Test
    void wholeSecondsStillHaveThreeMillisDigits() {
        assertEquals("2026-01-02T03:04:05.000Z ",
                new String(LogFormat.encodePrefix(Instant.parse("2026-01-02T03:04:05Z")), StandardCharsets.US_ASCII));
    }

    @Test
    void encodeThenParseGivesTimeAndPayloadBack() {
        Instant t = Instant.parse("2026-11-22T01:02:03.456Z");
        byte[] line = LogFormat.encode(t, ascii("listening on 8080"));
        assertEquals("2026-11-22T01:02:03.456Z listening on 8080\n", new String(line, StandardCharsets.UTF_8));
        LogFormat.Line parsed = LogFormat.parse(line);
        assertEquals(t, parsed.time());
        assertEquals("listening on 8080", parsed.text());
    }

    @Test
    void invalidUtf8PayloadIsKeptByteForByte() {
        byte[] payload = {'a', (byte) 0xff, (byte) 0xc3, 'b', 0};
        LogFormat.Line parsed = LogFormat.parse(LogFormat.encode(Instant.EPOCH, payload));
        assertEquals(Instant.EPOCH, parsed.time());
        assertArrayEquals(payload, parsed.payload());
    }

    @Test
    void emptyPayloadParses() {
        LogFormat.Line parsed = LogFormat.parse(ascii("2026-11-22T01:02:03.456Z \n"));
        assertEquals(Instant.parse("2026-11-22T01:02:03.456Z"), parsed.time());
        assertEquals(0, parsed.payload().length);
    }

    @Test
    void lineWithoutPrefixIsAllPayloadWithNoTime() {
        for (String raw : new String[]{"hello", "", "2026-11-22T01:02:03.456Zno-space",
                "2026-13-22T01:02:03.456Z bad month", "2026-11-22T01:02:03,456Z comma",
                "2026-11-22 01:02:03.456Z space", "20x6-11-22T01:02:03.456Z letters"}) {
            LogFormat.Line parsed = LogFormat.parse(ascii(raw + "\n"));
            assertNull(parsed.time(), raw);
            assertEquals(raw, parsed.text(), raw);
        }
    }

    @Test
    void parseOfARangeReadsOnlyThatRange() {
        byte[] buffer = ascii("xx2026-11-22T01:02:03.456Z hi\nyy");
        LogFormat.Line parsed = LogFormat.parse(buffer, 2, 28);
        assertEquals(Instant.parse("2026-11-22T01:02:03.456Z"), parsed.time());
        assertEquals("hi", parsed.text());
    }
}

package dev.envy.daemon.log;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LineSplitterTest {

    final List<String> lines = new ArrayList<>();
    final LineSplitter splitter = new LineSplitter((b, off, len) -> lines.add(new String(b, off, len,
            StandardCharsets.ISO_8859_1)));

    void feed(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        splitter.feed(b, 0, b.length);
    }

    @Test
    void linesAcrossChunkBoundariesAreJoined() {
        feed("hel");
        feed("lo\nwor");
        feed("ld\n\nlast");
        assertEquals(List.of("hello", "world", ""), lines);
        splitter.finish();
        assertEquals(List.of("hello", "world", "", "last"), lines);
    }

    @Test
    void aLineOfExactlyTheLimitIsNotFollowedByAnEmptyPiece() {
        feed("a".repeat(ServiceLog.MAX_LINE) + "\nb\n");
        assertEquals(List.of(ServiceLog.MAX_LINE, 1), lines.stream().map(String::length).toList());
    }

    @Test
    void aLongLineIsCutIntoPiecesWhetherItArrivesWholeOrInDribs() {
        String big = "x".repeat(3 * ServiceLog.MAX_LINE + 10) + "\n";
        feed(big);
        List<Integer> whole = lines.stream().map(String::length).toList();
        lines.clear();
        for (int i = 0; i < big.length(); i += 1000) {
            feed(big.substring(i, Math.min(big.length(), i + 1000)));
        }
        assertEquals(List.of(65536, 65536, 65536, 10), whole);
        assertEquals(whole, lines.stream().map(String::length).toList());
    }

    @Test
    void finishWithNothingPendingEmitsNothing() {
        feed("done\n");
        splitter.finish();
        assertEquals(List.of("done"), lines);
        assertEquals(List.of("done"), Arrays.asList(lines.toArray(String[]::new)));
    }
}

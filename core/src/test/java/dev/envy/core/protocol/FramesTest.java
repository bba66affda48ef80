package dev.envy.core.protocol;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FramesTest {

    @Test
    void aFrameIsABigEndianLengthThenThePayload() throws Exception {
        var out = new ByteArrayOutputStream();
        Frames.write(out, new byte[] {'a', 'b', 'c'});
        assertArrayEquals(new byte[] {0, 0, 0, 3, 'a', 'b', 'c'}, out.toByteArray());
    }

    @Test
    void framesFollowEachOtherAndMessagesRoundTrip() throws Exception {
        var out = new ByteArrayOutputStream();
        Frames.write(out, new Request.Hello(Protocol.VERSION, "0.1.0"));
        Frames.write(out, new Request.Status(List.of("db")));
        Frames.write(out, new byte[0]);
        var in = new ByteArrayInputStream(out.toByteArray());
        assertEquals(new Request.Hello(Protocol.VERSION, "0.1.0"), Frames.readRequest(in));
        assertEquals(new Request.Status(List.of("db")), Frames.readRequest(in));
        assertEquals(0, Frames.read(in).length);
        assertThrows(EOFException.class, () -> Frames.read(in));
    }

    @Test
    void aFrameOfExactlyTheLimitIsAccepted() throws Exception {
        var out = new ByteArrayOutputStream();
        Frames.write(out, new byte[Protocol.MAX_FRAME_BYTES]);
        assertEquals(Protocol.MAX_FRAME_BYTES, Frames.read(new ByteArrayInputStream(out.toByteArray())).length);
    }

    @Test
    void aLengthOverTheLimitIsRefusedWithoutReadingThePayload() {
        int over = Protocol.MAX_FRAME_BYTES + 1;
        var in = new CountingInput(new byte[] {(byte) (over >>> 24), (byte) (over >>> 16), (byte) (over >>> 8),
                (byte) over});
        var e = assertThrows(ProtocolException.class, () -> Frames.read(in));
        assertTrue(e.getMessage().contains("over the limit"), e.getMessage());
        assertEquals(4, in.consumed, "only the header was read");
    }

    @Test
    void aRequestIsRefusedFromItsHeaderAloneOverItsOwnLowerLimit() {
        for (int over : new int[] {Protocol.MAX_REQUEST_BYTES + 1, Protocol.MAX_FRAME_BYTES}) {
            var in = new CountingInput(new byte[] {(byte) (over >>> 24), (byte) (over >>> 16), (byte) (over >>> 8),
                    (byte) over});
            var e = assertThrows(ProtocolException.class, () -> Frames.readRequest(in));
            assertEquals("frame length " + over + " is over the limit of " + Protocol.MAX_REQUEST_BYTES + " bytes",
                    e.getMessage());
            assertEquals(4, in.consumed, "only the header was read");
        }
    }

    @Test
    void aRequestOfManyLongNamesFitsItsLimit() throws Exception {
        var names = java.util.Collections.nCopies(1000, "s".repeat(64));
        var out = new ByteArrayOutputStream();
        Frames.write(out, new Request.Start(names, true, 60_000));
        assertEquals(new Request.Start(names, true, 60_000),
                Frames.readRequest(new ByteArrayInputStream(out.toByteArray())));
    }

    @Test
    void aNegativeLengthIsRefused() {
        var in = new ByteArrayInputStream(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        var e = assertThrows(ProtocolException.class, () -> Frames.read(in));
        assertTrue(e.getMessage().contains("4294967295"), e.getMessage());
    }

    @Test
    void writingOverTheLimitIsRefused() {
        assertThrows(ProtocolException.class,
                () -> Frames.write(new ByteArrayOutputStream(), new byte[Protocol.MAX_FRAME_BYTES + 1]));
    }

    @Test
    void aTruncatedFrameIsAnEndOfStream() {
        var header = new ByteArrayInputStream(new byte[] {0, 0});
        assertThrows(EOFException.class, () -> Frames.read(header));
        var payload = new ByteArrayInputStream(new byte[] {0, 0, 0, 5, 'a'});
        var e = assertThrows(EOFException.class, () -> Frames.read(payload));
        assertTrue(e.getMessage().contains("1 of 5"), e.getMessage());
    }

    /** A stream that counts what was read from it, to prove an oversize payload was never consumed. */
    private static final class CountingInput extends InputStream {
        private final byte[] data;
        int consumed;

        CountingInput(byte[] data) {
            this.data = data;
        }

        @Override
        public int read() {
            return consumed < data.length ? data[consumed++] & 0xff : -1;
        }
    }
}

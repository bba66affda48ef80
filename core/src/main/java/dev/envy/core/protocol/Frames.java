package dev.envy.core.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The framing on the socket: a 4-byte big-endian payload length, then that many bytes of UTF-8 JSON
 * ({@link Codec}). A length over {@link Protocol#MAX_FRAME_BYTES} or below zero is refused before anything is
 * allocated for it.
 */
public final class Frames {

    private Frames() {
    }

    /** Writes one frame and flushes. */
    public static void write(OutputStream out, byte[] payload) throws IOException {
        if (payload.length > Protocol.MAX_FRAME_BYTES) {
            throw new ProtocolException("refusing to send a frame of " + payload.length + " bytes (the limit is "
                    + Protocol.MAX_FRAME_BYTES + ")");
        }
        byte[] frame = new byte[4 + payload.length];
        int n = payload.length;
        frame[0] = (byte) (n >>> 24);
        frame[1] = (byte) (n >>> 16);
        frame[2] = (byte) (n >>> 8);
        frame[3] = (byte) n;
        System.arraycopy(payload, 0, frame, 4, n);
        out.write(frame);
        out.flush();
    }

    /**
     * Reads one frame's payload.
     *
     * @throws EOFException      when the stream ends before a complete frame (at a frame boundary: the peer hung up)
     * @throws ProtocolException when the announced length is negative or over the limit
     */
    public static byte[] read(InputStream in) throws IOException {
        byte[] header = in.readNBytes(4);
        if (header.length < 4) {
            throw new EOFException(header.length == 0 ? "the peer closed the connection"
                    : "the connection ended inside a frame header");
        }
        int n = ((header[0] & 0xff) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8)
                | (header[3] & 0xff);
        if (n < 0 || n > Protocol.MAX_FRAME_BYTES) {
            throw new ProtocolException("frame length " + Integer.toUnsignedString(n) + " is over the limit of "
                    + Protocol.MAX_FRAME_BYTES + " bytes");
        }
        byte[] payload = in.readNBytes(n);
        if (payload.length < n) {
            throw new EOFException("the connection ended inside a frame (" + payload.length + " of " + n
                    + " bytes)");
        }
        return payload;
    }

    public static void write(OutputStream out, Request request) throws IOException {
        write(out, Codec.encode(request));
    }

    public static void write(OutputStream out, Response response) throws IOException {
        write(out, Codec.encode(response));
    }

    public static Request readRequest(InputStream in) throws IOException {
        return Codec.decodeRequest(read(in));
    }

    public static Response readResponse(InputStream in) throws IOException {
        return Codec.decodeResponse(read(in));
    }
}

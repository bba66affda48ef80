package dev.envy.core.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The framing on the socket: a 4-byte big-endian payload length, then that many bytes of UTF-8 JSON
 * ({@link Codec}). A length over the limit of its direction ({@link Protocol#MAX_REQUEST_BYTES} for a request,
 * {@link Protocol#MAX_FRAME_BYTES} for a response) or below zero is refused before anything is allocated for it.
 */
public final class Frames {

    private Frames() {
    }

    /** Writes one frame of at most {@link Protocol#MAX_FRAME_BYTES} and flushes. */
    public static void write(OutputStream out, byte[] payload) throws IOException {
        write(out, payload, Protocol.MAX_FRAME_BYTES);
    }

    private static void write(OutputStream out, byte[] payload, int limit) throws IOException {
        if (payload.length > limit) {
            throw new ProtocolException("refusing to send a frame of " + payload.length + " bytes (the limit is "
                    + limit + ")");
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
     * Reads one frame's payload of at most {@link Protocol#MAX_FRAME_BYTES}.
     *
     * @throws EOFException      when the stream ends before a complete frame (at a frame boundary: the peer hung up)
     * @throws ProtocolException when the announced length is negative or over the limit
     */
    public static byte[] read(InputStream in) throws IOException {
        return read(in, Protocol.MAX_FRAME_BYTES);
    }

    private static byte[] read(InputStream in, int limit) throws IOException {
        byte[] header = in.readNBytes(4);
        if (header.length < 4) {
            throw new EOFException(header.length == 0 ? "the peer closed the connection"
                    : "the connection ended inside a frame header");
        }
        int n = ((header[0] & 0xff) << 24) | ((header[1] & 0xff) << 16) | ((header[2] & 0xff) << 8)
                | (header[3] & 0xff);
        if (n < 0 || n > limit) {
            throw new ProtocolException("frame length " + Integer.toUnsignedString(n) + " is over the limit of "
                    + limit + " bytes");
        }
        byte[] payload = in.readNBytes(n);
        if (payload.length < n) {
            throw new EOFException("the connection ended inside a frame (" + payload.length + " of " + n
                    + " bytes)");
        }
        return payload;
    }

    public static void write(OutputStream out, Request request) throws IOException {
        write(out, Codec.encode(request), Protocol.MAX_REQUEST_BYTES);
    }

    public static void write(OutputStream out, Response response) throws IOException {
        write(out, Codec.encode(response));
    }

    /** Reads a request: at most {@link Protocol#MAX_REQUEST_BYTES}, the daemon's side. */
    public static Request readRequest(InputStream in) throws IOException {
        return Codec.decodeRequest(read(in, Protocol.MAX_REQUEST_BYTES));
    }

    public static Response readResponse(InputStream in) throws IOException {
        return Codec.decodeResponse(read(in));
    }
}

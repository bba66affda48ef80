package dev.envy.daemon.log;

import java.util.Arrays;

/**
 * Cuts a byte stream into lines at {@code \n}, and a line longer than {@link ServiceLog#MAX_LINE} into pieces of that
 * size, in a buffer that grows as an unfinished line needs it, up to that size: memory stays bounded whatever the
 * stream holds, and a stream whose reads end at line ends (the usual case) never needs one. The newline is not part of a line; a final
 * unterminated line is emitted by {@link #finish()}. One per stream; not thread-safe.
 */
public final class LineSplitter {

    /** Receives each line; the array is only valid during the call. */
    @FunctionalInterface
    public interface Sink {
        void line(byte[] bytes, int offset, int length);
    }

    private final Sink sink;
    private static final int FIRST_PARTIAL = 256;

    private byte[] partial = new byte[0];
    private int partialLength;

    public LineSplitter(Sink sink) {
        this.sink = sink;
    }

    public void feed(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int start = offset;
        while (start < end) {
            int newline = indexOf(bytes, start, end);
            int stop = newline < 0 ? end : newline;
            if (partialLength == 0) {
                // whole pieces straight from the input, no copy
                while (stop - start > ServiceLog.MAX_LINE) {
                    sink.line(bytes, start, ServiceLog.MAX_LINE);
                    start += ServiceLog.MAX_LINE;
                }
                if (newline >= 0) {
                    sink.line(bytes, start, stop - start);
                    start = newline + 1;
                    continue;
                }
            }
            while (start < stop) {
                if (partialLength == ServiceLog.MAX_LINE) {
                    sink.line(partial, 0, partialLength);
                    partialLength = 0;
                }
                int n = Math.min(stop - start, ServiceLog.MAX_LINE - partialLength);
                if (partialLength + n > partial.length) {
                    partial = Arrays.copyOf(partial, Math.min(ServiceLog.MAX_LINE,
                            Math.max(FIRST_PARTIAL, Math.max(partial.length * 2, partialLength + n))));
                }
                System.arraycopy(bytes, start, partial, partialLength, n);
                partialLength += n;
                start += n;
            }
            if (newline >= 0) {
                sink.line(partial, 0, partialLength);
                partialLength = 0;
                start = newline + 1;
            }
        }
    }

    /** Emits the unterminated last line, if any. */
    public void finish() {
        if (partialLength > 0) {
            sink.line(partial, 0, partialLength);
            partialLength = 0;
        }
    }

    private static int indexOf(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}

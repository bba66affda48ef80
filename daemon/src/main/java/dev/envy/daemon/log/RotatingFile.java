package dev.envy.daemon.log;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * An append-only file rotated by size: when a record would take it past {@code maxBytes}, {@code NAME} becomes
 * {@code NAME.1}, {@code NAME.1} becomes {@code NAME.2}… up to {@code NAME.keep}; the oldest is dropped. Records are
 * never split across files. Writes go through a buffer that exists only while records arrive: it is allocated by the
 * first record and dropped by {@link #release()} once a quiet file is flushed, so a service that writes nothing (most
 * of them, most of the time) costs no buffer memory. Nothing here is thread-safe (callers synchronise).
 */
final class RotatingFile implements AutoCloseable {

    private static final int BUFFER = 256 * 1024;

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private byte[] buffer;
    private int buffered;
    private OutputStream out;
    private long size;

    RotatingFile(Path file, long maxBytes, int keep) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = Math.max(0, keep);
        Files.createDirectories(file.toAbsolutePath().getParent());
        open();
    }

    private void open() throws IOException {
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE);
        size = Files.size(file);
    }

    /** Appends one record made of up to three parts, rotating first if it would not fit. */
    void append(byte[] a, byte[] b, int bOff, int bLen, byte last) throws IOException {
        int length = a.length + bLen + 1;
        if (maxBytes > 0 && size > 0 && size + length > maxBytes) {
            rotate();
        }
        if (buffer == null) {
            buffer = new byte[BUFFER];
        }
        if (length > buffer.length - buffered) {
            flush();
        }
        if (length > buffer.length) {
            out.write(a);
            out.write(b, bOff, bLen);
            out.write(last);
        } else {
            System.arraycopy(a, 0, buffer, buffered, a.length);
            buffered += a.length;
            System.arraycopy(b, bOff, buffer, buffered, bLen);
            buffered += bLen;
            buffer[buffered++] = last;
        }
        size += length;
    }

    boolean dirty() {
        return buffered > 0;
    }

    void flush() throws IOException {
        if (buffered > 0) {
            out.write(buffer, 0, buffered);
            buffered = 0;
        }
        out.flush();
    }

    /** Flushes, then drops the buffer until the next record (for a file that has been quiet). */
    void release() throws IOException {
        flush();
        buffer = null;
    }

    private void rotate() throws IOException {
        flush();
        out.close();
        if (keep == 0) {
            Files.deleteIfExists(file);
        } else {
            Files.deleteIfExists(rotated(keep));
            for (int i = keep - 1; i >= 1; i--) {
                if (Files.exists(rotated(i))) {
                    Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        }
        open();
    }

    private Path rotated(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            out.close();
        }
    }
}

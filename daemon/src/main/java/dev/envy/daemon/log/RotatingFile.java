package dev.envy.daemon.log;

import dev.envy.host.fs.PrivateFiles;
import dev.envy.host.log.LogFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * An append-only file of newline-terminated records, rotated by size: when a record would take it past
 * {@code maxBytes}, {@code NAME} becomes {@code NAME.1}, {@code NAME.1} becomes {@code NAME.2}… up to
 * {@code NAME.keep}; the oldest is dropped. Records are never split across files. Writes go through a buffer that
 * exists only while records arrive: it is allocated by the first record, small, grows while records come faster than
 * they are flushed, and is dropped by {@link #release()} once a quiet file is flushed, so a service that writes
 * nothing (most of them, most of the time) costs no buffer memory.
 *
 * <p>Exact when the file cannot be written (a full disk, a quota): every byte is written once, counted by what each
 * {@code write(2)} reports, so nothing is written twice; bytes not written stay buffered and are written, in order,
 * by a later {@link #flush()} once there is room again, so a record cut short by a full disk is completed then rather
 * than repeated. While the file cannot be written, records that do not fit in the buffer are dropped whole and
 * counted. The start and the end of such an episode are kept for the owner to report ({@link #takeFailure()},
 * {@link #takeRecovery()}): nothing here prints or throws for a failed write. Nothing here is thread-safe (callers
 * synchronise).
 */
final class RotatingFile implements AutoCloseable {

    /** The write buffer's size: what is kept in memory for a file that cannot be written, before records are lost. */
    static final int BUFFER = 256 * 1024;
    /**
     * A buffer starts this small and doubles while records come faster than they are flushed: a thousand services
     * that each print a line at start cost 16 MB of buffers, not 256 MB.
     */
    private static final int FIRST_BUFFER = 16 * 1024;

    /** Where the bytes go: a {@link FileChannel} in append mode, or a test's stand-in. */
    interface Output extends AutoCloseable {
        /** Writes some of {@code bytes} (one {@code write(2)}), returning how many; throws when none could be. */
        int write(ByteBuffer bytes) throws IOException;

        /** The file's size. */
        long size() throws IOException;

        /** Cuts the file to {@code size} bytes. */
        void truncate(long size) throws IOException;

        /**
         * Whether the file's name no longer leads to this file: it was deleted (or replaced) by someone else while it
         * was open, so what is written to it could never be read.
         */
        default boolean unlinked() {
            return false;
        }

        @Override
        void close() throws IOException;
    }

    /** Opens {@code file} for appending, creating it if needed. */
    @FunctionalInterface
    interface Opener {
        Output open(Path file) throws IOException;
    }

    /** The file itself, created 0600 (HD-5). */
    static final Opener FILES = file -> {
        FileChannel channel = PrivateFiles.append(file);
        Object key = LogFiles.key(file);
        return new Output() {
            @Override
            public int write(ByteBuffer bytes) throws IOException {
                return channel.write(bytes);
            }

            @Override
            public long size() throws IOException {
                return channel.size();
            }

            @Override
            public void truncate(long size) throws IOException {
                channel.truncate(size);
            }

            @Override
            public boolean unlinked() {
                return key != null && !key.equals(LogFiles.key(file)); // one stat(2) per flush, not per line
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    };

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private final Opener opener;
    private byte[] buffer;
    private int buffered;
    /** Bytes of the first buffered record that are already in the file (a write cut short). */
    private int headWritten;
    private Output out;
    /** What the file holds as far as this writer knows, plus what is buffered: decides rotation. */
    private long size;
    /** What the file's size should be after this writer's last write: tells how much a write that threw wrote. */
    private long onDisk;
    /** The error of the write episode under way; null while the file can be written. */
    private IOException failure;
    private boolean failureTaken;
    private long lost;
    private OptionalLong recovery = OptionalLong.empty();
    private boolean recreated;

    RotatingFile(Path file, long maxBytes, int keep) throws IOException {
        this(file, maxBytes, keep, FILES);
    }

    RotatingFile(Path file, long maxBytes, int keep, Opener opener) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = Math.max(0, keep);
        this.opener = opener;
        PrivateFiles.directories(file.toAbsolutePath().getParent());
        open();
    }

    private void open() throws IOException {
        out = opener.open(file);
        onDisk = out.size();
        size = onDisk + buffered;
    }

    Path file() {
        return file;
    }

    /**
     * Appends one record made of up to three parts, rotating first if it would not fit. While the file cannot be
     * written and the buffer is full, the record is dropped and counted instead.
     */
    void append(byte[] a, byte[] b, int bOff, int bLen, byte last) {
        int length = a.length + bLen + 1;
        if (failure == null && maxBytes > 0 && size > 0 && size + length > maxBytes) {
            rotate();
        }
        if (buffer == null) {
            buffer = new byte[Math.max(FIRST_BUFFER, length)];
        }
        if (length > buffer.length - buffered && buffer.length < BUFFER) {
            buffer = Arrays.copyOf(buffer, Math.max(Math.min(BUFFER, buffer.length * 2), buffered + length));
        }
        if (length > buffer.length - buffered && failure == null) {
            flush();
        }
        if (length > buffer.length - buffered) {
            if (buffered > 0) {
                lost++; // kept for a file that cannot be written: the buffer is full
                return;
            }
            buffer = new byte[length]; // one record larger than the buffer (a daemon log message)
        }
        System.arraycopy(a, 0, buffer, buffered, a.length);
        buffered += a.length;
        System.arraycopy(b, bOff, buffer, buffered, bLen);
        buffered += bLen;
        buffer[buffered++] = last;
        size += length;
    }

    boolean dirty() {
        return buffered > 0;
    }

    /**
     * Writes what is buffered. On an error the bytes not written stay buffered for the next call; returns whether
     * everything is written.
     */
    boolean flush() {
        if (out != null && buffered > 0 && out.unlinked()) {
            recreate();
        }
        if (out == null && !reopen()) {
            return false;
        }
        int done = 0;
        boolean closedUnder = false;
        boolean interrupted = Thread.interrupted(); // an interrupt would close the channel in the middle of a write
        try {
            while (done < buffered) {
                try {
                    int n = out.write(ByteBuffer.wrap(buffer, done, buffered - done));
                    done += n;
                    onDisk += n;
                } catch (ClosedChannelException e) {
                    // closed under the write (an interrupt): the file's size tells what it wrote; then go on once
                    long expected = onDisk;
                    closeQuietly();
                    if (closedUnder || !reopen()) {
                        fail(e);
                        return false;
                    }
                    closedUnder = true;
                    done += (int) Math.max(0, Math.min(buffered - done, onDisk - expected));
                } catch (IOException e) {
                    fail(e);
                    return false;
                }
            }
        } finally {
            advance(done);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        recovered();
        return true;
    }

    /** Drops the first {@code n} buffered bytes, which are in the file now. */
    private void advance(int n) {
        if (n == 0) {
            return;
        }
        int lastNewline = -1;
        for (int i = n - 1; i >= 0; i--) {
            if (buffer[i] == '\n') {
                lastNewline = i;
                break;
            }
        }
        headWritten = lastNewline < 0 ? headWritten + n : n - lastNewline - 1;
        System.arraycopy(buffer, n, buffer, 0, buffered - n);
        buffered -= n;
    }

    /**
     * The file was deleted under this writer ({@code rm web.log}, a cleaner): what is buffered, and every record
     * after it, goes to a new file of the same name, in a logs directory made again if it went too.
     */
    private void recreate() {
        closeQuietly();
        recreated = true;
        try {
            PrivateFiles.directories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            fail(e);
        }
    }

    /** Whether the file was made again since the last call, for the owner to report ({@link #recreate()}). */
    boolean takeRecreated() {
        boolean r = recreated;
        recreated = false;
        return r;
    }

    private boolean reopen() {
        try {
            open();
            return true;
        } catch (IOException e) {
            out = null;
            fail(e);
            return false;
        }
    }

    private void fail(IOException e) {
        if (failure == null) {
            failure = e;
            failureTaken = false;
        }
    }

    private void recovered() {
        if (failure != null) {
            failure = null;
            recovery = OptionalLong.of(lost);
            lost = 0;
        }
    }

    /** The error that started an episode of failed writes, once, for the owner to report; null otherwise. */
    IOException takeFailure() {
        if (failure == null || failureTaken) {
            return null;
        }
        failureTaken = true;
        return failure;
    }

    /** When an episode of failed writes has ended: the records lost in it, once, for the owner to report. */
    OptionalLong takeRecovery() {
        OptionalLong r = recovery;
        recovery = OptionalLong.empty();
        return r;
    }

    /** Flushes, then drops the buffer until the next record (for a file that has been quiet). */
    void release() {
        if (flush()) {
            buffer = null;
        }
    }

    private void rotate() {
        if (!flush()) {
            return; // rotation waits until the file can be written again
        }
        closeQuietly();
        try {
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
        } catch (IOException e) {
            fail(e); // the file stays where it was and grows on
        }
        reopen();
    }

    private Path rotated(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    private void closeQuietly() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // it is being replaced
            }
            out = null;
        }
    }

    /**
     * Flushes and closes. Records that still cannot be written are lost and counted ({@link #lost()}); a record cut
     * short by the last failed write is cut off the file, so that it ends with a whole record.
     */
    @Override
    public void close() {
        if (!flush()) {
            for (int i = 0; i < buffered; i++) {
                if (buffer[i] == '\n') {
                    lost++;
                }
            }
            buffered = 0;
            if (headWritten > 0 && out != null) {
                try {
                    out.truncate(onDisk - headWritten);
                } catch (IOException ignored) {
                    // the file keeps the start of that line
                }
            }
        }
        closeQuietly();
    }

    /** Records dropped in the episode under way (or at close). */
    long lost() {
        return lost;
    }
}

package dev.envy.cli.logs;

import dev.envy.host.log.LogFiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * LG-6/CS-6: follows one service's log straight from disk, at the reader's own pace, across rotation. The current
 * file stays open, so when the daemon renames it to {@code .log.1} the rest of it is still read; then every rotated
 * file newer than the last one finished is read in order (several rotations may happen between two looks), and the
 * new {@code .log} is followed. Files are told apart by identity (device and inode), which a rename keeps. Only
 * complete lines are returned; an unfinished one waits for its newline. Lines are lost only if the daemon deletes a
 * rotated file ({@code log-keep}) before this reader got to it.
 */
final class ServiceFollower implements AutoCloseable {

    private static final int READ = 64 * 1024;
    private static final int ATTEMPTS = 16;
    /** {@link #lastRead} when the last finished file has been deleted: every rotated file left is newer. */
    private static final Object GONE = new Object();

    private final Path logsDir;
    private final String service;
    private final Path current;
    private Object resumeKey;
    private long resumeAt;
    private FileChannel channel;
    private Object key;
    private Object lastRead;
    /**
     * Rotated files that must not be read (again): those older than where the tail ended, and those read. When the
     * file read last is not found (deleted by {@code log-keep}, or the current file deleted by hand and made again),
     * every rotated file not in here is new.
     */
    private final java.util.Set<Object> done = new java.util.HashSet<>();
    private final ByteArrayOutputStream unfinished = new ByteArrayOutputStream();
    /** Run between the first look at the current file and the look for the file the tail ended in (tests). */
    Runnable beforeResume = () -> {
    };

    /**
     * @param resumeKey identity of the current file when the tail was read (null when it did not exist)
     * @param resumeAt  where in that file the tail ended
     */
    ServiceFollower(Path logsDir, String service, Object resumeKey, long resumeAt) {
        this.logsDir = logsDir;
        this.service = service;
        this.current = LogFiles.current(logsDir, service);
        this.resumeKey = resumeKey;
        this.resumeAt = resumeAt;
        try {
            List<Object> keys = listing().keys();
            int resumed = keys.indexOf(resumeKey); // rotated already: what came after it is new
            done.addAll(resumed < 0 ? keys : keys.subList(0, resumed));
            done.remove(null);
        } catch (IOException unreadable) {
            // nothing is known to be old: the first catch-up reads what follows the tail's file
        }
    }

    String service() {
        return service;
    }

    /** The complete lines written since the last poll, oldest first (raw, with their time prefix). */
    List<byte[]> poll() throws IOException {
        List<byte[]> lines = new ArrayList<>();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (channel == null) {
                // Open the current file first, then read what was rotated before it: a rotation between the two
                // only adds a file to read, where reading first would let one slip by unread. That holds for the
                // file the tail ended in too: were it looked for before the open, a rotation in between would
                // leave the rest of it unread.
                boolean opened = open();
                beforeResume.run();
                resumeRotated(lines, opened ? key : null);
                catchUp(lines, opened ? key : null);
                if (!opened) {
                    return lines;
                }
            }
            drain(channel, lines);
            Object now = LogFiles.key(current);
            if (now == null || now.equals(key)) {
                return lines; // no rotation, or one under way: the next look sees the new file
            }
            // Rotated: everything the daemon wrote to our file is in it now (it renames only after writing).
            drain(channel, lines);
            finishUnfinished(lines);
            lastRead = key;
            done.add(key);
            channel.close();
            channel = null;
            key = null;
        }
        return lines;
    }

    /**
     * If the file the tail ended in was rotated before the current file was opened ({@code opened}, null when none
     * could be), reads the rest of it. When it is the one opened, the channel reads on from where the tail ended.
     */
    private void resumeRotated(List<byte[]> lines, Object opened) throws IOException {
        if (resumeKey == null) {
            return;
        }
        if (resumeKey.equals(opened)) {
            resumeKey = null;
            resumeAt = 0;
            return;
        }
        if (opened == null && resumeKey.equals(LogFiles.key(current))) {
            return; // not rotated, only not openable yet: the next look opens it and resumes there
        }
        lastRead = GONE;
        Listing listing = settledListing();
        int index = listing.keys().indexOf(resumeKey);
        if (index >= 0 && readWhole(listing.files().get(index), resumeKey, resumeAt, lines)) {
            lastRead = resumeKey;
            done.add(resumeKey);
        }
        resumeKey = null;
        resumeAt = 0;
    }

    /** Reads every rotated file newer than {@link #lastRead} and older than {@code until} (the open file), oldest first. */
    private void catchUp(List<byte[]> lines, Object until) throws IOException {
        if (lastRead == null) {
            return;
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Listing listing = settledListing();
            int index = listing.keys().indexOf(lastRead); // -1 when gone: then all that are left and not done
            done.retainAll(listing.keys()); // a deleted file's inode may come back as a new file's
            boolean moved = false;
            for (int i = index + 1; i < listing.files().size() && !moved; i++) {
                Object key = listing.keys().get(i);
                if (key != null && key.equals(until)) {
                    return; // the open file, rotated meanwhile: the channel reads it
                }
                if (key != null && index < 0 && done.contains(key)) {
                    lastRead = key; // read already, or older than the tail: the last read one is what went
                } else if (key != null && readWhole(listing.files().get(i), key, 0, lines)) {
                    lastRead = key;
                    done.add(key);
                } else {
                    moved = true; // renamed under us: list again
                }
            }
            if (!moved) {
                return;
            }
        }
    }

    /** The rotated files and their identities, oldest first. */
    private record Listing(List<Path> files, List<Object> keys) {
        /** No rotation was under way: numbered 1…N without a gap, every file still there when its identity was read. */
        boolean whole() {
            for (int i = 0; i < files.size(); i++) {
                String name = files.get(i).getFileName().toString();
                if (keys.get(i) == null || !name.endsWith(".log." + (files.size() - i))) {
                    return false;
                }
            }
            return true;
        }
    }

    private Listing listing() throws IOException {
        List<Path> rotated = LogFiles.rotated(logsDir, service);
        return new Listing(rotated, rotated.stream().map(LogFiles::key).toList());
    }

    /**
     * A listing taken while no rotation was under way. Names and identities are read one file at a time, so a
     * rotation between the two reads can hide a file that merely moved ({@code .log.1} → {@code .log.2}), and the
     * last file read would then look deleted, and everything after it would be read again. A listing is trusted
     * when it has no gap and the next one is the same; after {@link #ATTEMPTS} the last one is used as it is.
     */
    private Listing settledListing() throws IOException {
        Listing previous = listing();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Listing next = listing();
            if (next.equals(previous) && next.whole()) {
                return next;
            }
            previous = next;
        }
        return previous;
    }

    /** Reads {@code file} from {@code from} to its end if it still is the file {@code expected}; false otherwise. */
    private boolean readWhole(Path file, Object expected, long from, List<byte[]> lines) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (!expected.equals(LogFiles.key(file))) {
                return false;
            }
            ch.position(from <= ch.size() ? from : 0);
            drain(ch, lines);
            finishUnfinished(lines);
            return true;
        } catch (NoSuchFileException gone) {
            return false;
        }
    }

    private boolean open() throws IOException {
        Object expected = LogFiles.key(current);
        if (expected == null) {
            return false;
        }
        FileChannel opened;
        try {
            opened = FileChannel.open(current, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return false;
        }
        if (!expected.equals(LogFiles.key(current))) {
            opened.close(); // rotated between the two looks; the next poll catches up
            return false;
        }
        long from = expected.equals(resumeKey) && resumeAt <= opened.size() ? resumeAt : 0;
        opened.position(from);
        channel = opened;
        key = expected;
        return true;
    }

    /** Reads to the end of {@code ch}, splitting complete lines off. */
    private void drain(FileChannel ch, List<byte[]> lines) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(READ);
        while (ch.read(buffer) > 0) {
            buffer.flip();
            byte[] bytes = buffer.array();
            int start = 0;
            for (int i = 0; i < buffer.limit(); i++) {
                if (bytes[i] == '\n') {
                    unfinished.write(bytes, start, i - start);
                    lines.add(unfinished.toByteArray());
                    unfinished.reset();
                    start = i + 1;
                }
            }
            unfinished.write(bytes, start, buffer.limit() - start);
            buffer.clear();
        }
    }

    private void finishUnfinished(List<byte[]> lines) {
        if (unfinished.size() > 0) {
            lines.add(unfinished.toByteArray());
            unfinished.reset();
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}

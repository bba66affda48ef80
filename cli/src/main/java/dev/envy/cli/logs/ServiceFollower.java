package dev.envy.cli.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * LG-6/CS-6: follows one service's log file straight from disk, at the reader's own pace, across rotation. It keeps
 * the current file open, so when the daemon renames it to {@code .log.1} the rest of it is still read; it then reads
 * any rotated file it has not seen (several rotations may happen between two polls) and goes on with the new
 * {@code .log}. Only complete lines are returned; an unfinished one waits for its newline.
 */
final class ServiceFollower implements AutoCloseable {

    private static final int READ = 64 * 1024;

    private final Path logsDir;
    private final String service;
    private final Path current;
    private long startAt;
    private FileChannel channel;
    private Object key;
    private final ByteArrayOutputStream unfinished = new ByteArrayOutputStream();

    /** Follows from {@code startAt} in the current file (the end of what a tail printed), or from 0 once rotated. */
    ServiceFollower(Path logsDir, String service, long startAt) {
        this.logsDir = logsDir;
        this.service = service;
        this.current = LogFiles.current(logsDir, service);
        this.startAt = startAt;
    }

    String service() {
        return service;
    }

    /** The complete lines written since the last poll, oldest first (raw, with their time prefix). */
    List<byte[]> poll() throws IOException {
        List<byte[]> lines = new ArrayList<>();
        for (int attempt = 0; attempt < 8; attempt++) {
            if (channel == null && !open()) {
                return lines;
            }
            drain(lines);
            Object now = LogFiles.key(current);
            if (now == null || now.equals(key)) {
                return lines; // no rotation, or one under way: the next poll sees the new file
            }
            // Rotated: everything the daemon wrote to our file is there now (it renames only after writing).
            drain(lines);
            finishUnfinished(lines);
            Object finished = key;
            closeChannel();
            readRotatedAfter(finished, lines);
        }
        return lines;
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
            opened.close(); // rotated between the two looks; try again on the next poll
            return false;
        }
        channel = opened;
        key = expected;
        long size = channel.size();
        channel.position(startAt <= size ? startAt : 0); // a shorter file than expected was truncated or replaced
        startAt = 0;
        return true;
    }

    /** Reads every rotated file newer than the one with identity {@code finished}, oldest first. */
    private void readRotatedAfter(Object finished, List<byte[]> lines) throws IOException {
        List<Path> rotated = LogFiles.rotated(logsDir, service);
        int index = -1;
        for (int i = 0; i < rotated.size(); i++) {
            if (Objects.equals(LogFiles.key(rotated.get(i)), finished)) {
                index = i;
            }
        }
        // When our file is no longer there, every rotated file left is newer than it (the older ones went first).
        for (Path file : rotated.subList(index + 1, rotated.size())) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                FileChannel saved = channel;
                channel = ch;
                drain(lines);
                finishUnfinished(lines);
                channel = saved;
            } catch (NoSuchFileException gone) {
                // dropped by rotation (log-keep) before this reader got to it
            }
        }
    }

    /** Reads to the end of the channel, splitting complete lines off. */
    private void drain(List<byte[]> lines) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(READ);
        while (channel.read(buffer) > 0) {
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

    private void closeChannel() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
            key = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeChannel();
    }
}

package dev.envy.host.manifest;

import dev.envy.core.manifest.ManifestLoader;
import org.tomlj.Toml;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Which build of the manifest loader is running: a fingerprint of the jars holding envy's core and tomlj, so that a
 * rebuilt envy never trusts what an older loader cached. A jar's fingerprint is its size and two CRCs of its central
 * directory, which lists every entry's name, size, CRC-32 and time: a recompiled class changes it, while the CLI's and
 * the daemon's copies of the same jar (cli/target/lib, daemon/target/lib) agree. Reading it costs one small read at
 * the end of a file; the jars are found through the classes' code sources, which the JVM has at hand for classes
 * mapped from an AOT cache (asking the class loader for a resource would open every jar before it on the class path).
 * Classes loaded from a directory (an IDE, a test run) have no fingerprint: nothing is cached then.
 */
final class BuildIdentity {
    private static final int END_RECORD = 0x06054b50;
    private static final int END_RECORD_SIZE = 22;
    private static final int MAX_COMMENT = 0xffff;
    private static final int MAX_DIRECTORY = 16 * 1024 * 1024;

    private BuildIdentity() {
    }

    /** The identity of the running loader, computed once; empty when it has none. */
    static Optional<String> current() {
        return Current.ID;
    }

    private static final class Current {
        static final Optional<String> ID = of(ManifestLoader.class, Toml.class);
    }

    /** The fingerprints of the jars the classes were loaded from; empty unless every one is a jar. */
    static Optional<String> of(Class<?>... classes) {
        StringBuilder id = new StringBuilder();
        for (Class<?> c : classes) {
            Optional<String> jar = jarOf(c).flatMap(BuildIdentity::fingerprint);
            if (jar.isEmpty()) {
                return Optional.empty();
            }
            id.append(id.isEmpty() ? "" : " ").append(jar.get());
        }
        return id.isEmpty() ? Optional.empty() : Optional.of(id.toString());
    }

    private static Optional<Path> jarOf(Class<?> c) {
        try {
            CodeSource source = c.getProtectionDomain().getCodeSource();
            URL location = source == null ? null : source.getLocation();
            if (location == null || !"file".equals(location.getProtocol())) {
                return Optional.empty();
            }
            Path path = Path.of(location.toURI());
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code size-directorySize-crc32crc32c} of a zip file; empty if it cannot be read as one. */
    static Optional<String> fingerprint(Path zip) {
        try (RandomAccessFile file = new RandomAccessFile(zip.toFile(), "r")) {
            long size = file.length();
            int tailLength = (int) Math.min(size, END_RECORD_SIZE + MAX_COMMENT);
            ByteBuffer tail = read(file, size - tailLength, tailLength);
            for (int at = tailLength - END_RECORD_SIZE; at >= 0; at--) {
                if (tail.getInt(at) != END_RECORD) {
                    continue;
                }
                long directorySize = tail.getInt(at + 12) & 0xffffffffL;
                long directoryOffset = tail.getInt(at + 16) & 0xffffffffL;
                if (directorySize > MAX_DIRECTORY || directoryOffset + directorySize > size) {
                    return Optional.empty();
                }
                byte[] directory = read(file, directoryOffset, (int) directorySize).array();
                CRC32 crc32 = new CRC32();
                crc32.update(directory);
                CRC32C crc32c = new CRC32C();
                crc32c.update(directory);
                HexFormat hex = HexFormat.of();
                return Optional.of(size + "-" + directorySize + "-" + hex.toHexDigits((int) crc32.getValue())
                        + hex.toHexDigits((int) crc32c.getValue()));
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static ByteBuffer read(RandomAccessFile file, long position, int length) throws IOException {
        byte[] bytes = new byte[length];
        file.seek(position);
        file.readFully(bytes);
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }
}

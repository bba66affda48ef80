package dev.envy.host.manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Copies of one jar share a fingerprint; a rebuilt jar does not; what is not a jar has none. */
class BuildIdentityTest {
    @TempDir
    Path dir;

    @Test
    void copiesOfAJarAgreeWhateverTheirFileTimes() throws IOException {
        Path jar = jar("core.jar", "class bytes", "A comment");
        Path copy = Files.copy(jar, dir.resolve("copy.jar"));
        Files.setLastModifiedTime(copy, FileTime.fromMillis(0));

        assertTrue(BuildIdentity.fingerprint(jar).isPresent());
        assertEquals(BuildIdentity.fingerprint(jar), BuildIdentity.fingerprint(copy));
    }

    @Test
    void aChangedClassChangesTheFingerprint() throws IOException {
        Optional<String> before = BuildIdentity.fingerprint(jar("core.jar", "class bytes", null));
        Path rebuilt = jar("rebuilt.jar", "class bytez", null);
        Files.move(rebuilt, dir.resolve("core.jar"), StandardCopyOption.REPLACE_EXISTING);

        assertNotEquals(before, BuildIdentity.fingerprint(dir.resolve("core.jar")));
    }

    @Test
    void whatIsNotAJarHasNoFingerprint() throws IOException {
        assertEquals(Optional.empty(), BuildIdentity.fingerprint(Files.writeString(dir.resolve("x.jar"), "no zip")));
        assertEquals(Optional.empty(), BuildIdentity.fingerprint(Files.createFile(dir.resolve("empty.jar"))));
        assertEquals(Optional.empty(), BuildIdentity.fingerprint(dir.resolve("missing.jar")));
    }

    @Test
    void classesFromADirectoryHaveNoIdentity() {
        assertEquals(Optional.empty(), BuildIdentity.of(BuildIdentityTest.class));
        assertEquals(Optional.empty(), BuildIdentity.of(org.tomlj.Toml.class, BuildIdentityTest.class));
        assertEquals(Optional.empty(), BuildIdentity.of(String.class), "a class of the JDK");
    }

    @Test
    void classesFromJarsHaveOne() {
        Optional<String> tomlj = BuildIdentity.of(org.tomlj.Toml.class);

        assertTrue(tomlj.isPresent());
        assertTrue(BuildIdentity.of(org.tomlj.Toml.class, com.eclipsesource.json.Json.class).orElseThrow()
                .startsWith(tomlj.get() + " "));
    }

    private Path jar(String name, String content, String comment) throws IOException {
        Path jar = dir.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            JarEntry entry = new JarEntry("dev/envy/A.class");
            entry.setTime(1_700_000_000_000L);
            out.putNextEntry(entry);
            out.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
            if (comment != null) {
                out.setComment(comment);
            }
        }
        return jar;
    }
}

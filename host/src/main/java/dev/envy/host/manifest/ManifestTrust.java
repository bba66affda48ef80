package dev.envy.host.manifest;

import dev.envy.core.runtime.Sha256;
import dev.envy.host.fs.PrivateFiles;
import dev.envy.host.os.CurrentUser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * HD-11: whether envy may run what a manifest says (its hook, profile and services' commands). A manifest that only
 * its user could have written (owned by the user, not writable by group or others) runs as it is; any other needs
 * {@code envy allow}, which is remembered for the file's exact content: once someone else changes it, it is asked
 * for again. The decisions live in the user's state directory ({@code $XDG_STATE_HOME/envy/allowed} or
 * {@code ~/.local/state/envy/allowed}, 0700), one 0600 file per manifest, named by the hash of its path and holding
 * the hash of the content allowed. The one check of the CLI and the daemon.
 */
public final class ManifestTrust {

    /** Why a manifest may not run, and what to do about it. */
    public record Refusal(String message, String hint) {
        /** Message and hint on one line, for daemon.log and a daemon's answer. */
        public String oneLine() {
            return message + " (" + hint + ")";
        }
    }

    private final Path allowed;
    private final long uid;

    ManifestTrust(Path allowed, long uid) {
        this.allowed = allowed;
        this.uid = uid;
    }

    /** The trust of the user this process runs as, with the state directory {@code env} names. */
    public static ManifestTrust of(Map<String, String> env) throws IOException {
        return new ManifestTrust(allowedDir(env), CurrentUser.uid());
    }

    /** {@code $XDG_STATE_HOME/envy/allowed} (when absolute), else {@code $HOME/.local/state/envy/allowed}. */
    static Path allowedDir(Map<String, String> env) {
        String state = env.get("XDG_STATE_HOME");
        Path base;
        if (state != null && state.startsWith("/")) {
            base = Path.of(state);
        } else {
            String home = env.getOrDefault("HOME", System.getProperty("user.home"));
            base = Path.of(home, ".local", "state");
        }
        return base.resolve("envy").resolve("allowed");
    }

    /** What the check needs of the manifest's content, read only for a manifest its user alone could not have written. */
    @FunctionalInterface
    private interface Content {
        byte[] read() throws IOException;
    }

    /** Checks the manifest as it is on disk now: empty when envy may run it. */
    public Optional<Refusal> check(Path manifest) throws IOException {
        return check(manifest, () -> ManifestFile.read(manifest));
    }

    /** Checks {@code bytes}, read from {@code manifest}: empty when envy may run them. */
    public Optional<Refusal> check(Path manifest, byte[] bytes) throws IOException {
        return check(manifest, () -> bytes);
    }

    private Optional<Refusal> check(Path manifest, Content content) throws IOException {
        long owner;
        int mode;
        try {
            owner = ((Number) Files.getAttribute(manifest, "unix:uid")).longValue();
            mode = ((Number) Files.getAttribute(manifest, "unix:mode")).intValue();
        } catch (NoSuchFileException gone) {
            return Optional.empty(); // reading it says what is wrong
        }
        boolean othersCanWrite = (mode & 0022) != 0;
        if (owner == uid && !othersCanWrite) {
            return Optional.empty();
        }
        Optional<String> recorded = recorded(manifest);
        if (recorded.isPresent() && recorded.get().equals(hash(content.read()))) {
            return Optional.empty();
        }
        String who = owner == uid ? "you, and can be written by others (mode " + octal(mode) + ")"
                : name(manifest) + ", not you (" + me() + ")";
        String hint = "read it, then run `envy allow " + manifest + "`";
        if (recorded.isPresent()) {
            return Optional.of(new Refusal(manifest + " changed since you allowed it (it belongs to " + who
                    + "): envy runs nothing from it until you allow it again", hint));
        }
        return Optional.of(new Refusal(manifest + " belongs to " + who + ": envy runs nothing from it (hook, profile,"
                + " services) until you allow it", hint));
    }

    /** Allows the manifest's content as it is now. */
    public void allow(Path manifest) throws IOException {
        byte[] bytes = ManifestFile.read(manifest);
        PrivateFiles.directories(allowed);
        PrivateFiles.write(record(manifest), (hash(bytes) + " " + manifest + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Forgets the manifest's allowance; false when there was none. */
    public boolean deny(Path manifest) throws IOException {
        return Files.deleteIfExists(record(manifest));
    }

    private Optional<String> recorded(Path manifest) throws IOException {
        Path record = record(manifest);
        if (!Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        String text = Files.readString(record, StandardCharsets.UTF_8);
        int space = text.indexOf(' ');
        return Optional.of(space < 0 ? text.strip() : text.substring(0, space));
    }

    /** The record of a manifest, named by the hash of its canonical path. */
    private Path record(Path manifest) {
        Path canonical;
        try {
            canonical = manifest.toRealPath();
        } catch (IOException gone) {
            canonical = manifest.toAbsolutePath().normalize();
        }
        return allowed.resolve(hash(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static String hash(byte[] bytes) {
        return HexFormat.of().formatHex(Sha256.digest(bytes));
    }

    private static String name(Path file) {
        try {
            return Files.getOwner(file).getName();
        } catch (IOException e) {
            return "another user";
        }
    }

    private static String me() {
        try {
            return CurrentUser.principal().getName();
        } catch (IOException e) {
            return "uid " + ProcessHandle.current().info().user().orElse("?");
        }
    }

    private static String octal(int mode) {
        return String.format("%04o", mode & 07777);
    }
}

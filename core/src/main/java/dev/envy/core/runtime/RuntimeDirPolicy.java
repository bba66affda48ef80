package dev.envy.core.runtime;

import java.util.Optional;

/**
 * CS-4 / CS-10: whether a runtime directory may be trusted. Pure: the caller reads the owner and mode and creates
 * the directory; this decides and words the refusal.
 */
public final class RuntimeDirPolicy {

    private static final int GROUP_WRITE = 0020;
    private static final int OTHER_WRITE = 0002;
    private static final int STICKY = 01000;

    private RuntimeDirPolicy() {
    }

    /** A refusal: one sentence for the user and a hint. */
    public record Refusal(String message, String hint) {
    }

    /**
     * Empty when {@code dir} (owned by {@code ownerUid}, permission bits {@code mode}) is safe for user {@code uid};
     * else why not.
     */
    public static Optional<Refusal> check(String dir, long ownerUid, int mode, long uid) {
        if (ownerUid != uid) {
            return Optional.of(new Refusal("runtime directory " + dir + " belongs to uid " + ownerUid
                    + ", not to you (uid " + uid + ")",
                    "remove it or set ENVY_RUNTIME_DIR to a directory of your own"));
        }
        if ((mode & (GROUP_WRITE | OTHER_WRITE)) != 0) {
            // a sticky shared directory such as /tmp is meant to be shared: advise a private one, never a chmod
            String hint = (mode & STICKY) != 0 ? "set ENVY_RUNTIME_DIR to a directory only you can write to"
                    : "run `chmod 700 " + dir + "` and try again";
            return Optional.of(new Refusal("runtime directory " + dir + " is writable by others (mode "
                    + String.format("%04o", mode & 07777) + ")", hint));
        }
        return Optional.empty();
    }

    /**
     * HD-8: empty when {@code ancestor} (a directory above the runtime directory {@code dir}, owned by
     * {@code ownerUid}, permission bits {@code mode}) cannot be used by another user to replace what is below it: it
     * belongs to user {@code uid} or to root, and others cannot write to it, unless it is sticky (as {@code /tmp} is:
     * others may add their own entries there but cannot rename or remove the user's).
     */
    public static Optional<Refusal> checkAncestor(String dir, String ancestor, long ownerUid, int mode, long uid) {
        String hint = "set ENVY_RUNTIME_DIR to a directory whose every parent only you or root can change";
        if (ownerUid != uid && ownerUid != 0) {
            return Optional.of(new Refusal("runtime directory " + dir + " is inside " + ancestor
                    + ", which belongs to uid " + ownerUid + " (neither you nor root)", hint));
        }
        if ((mode & (GROUP_WRITE | OTHER_WRITE)) != 0 && (mode & STICKY) == 0) {
            return Optional.of(new Refusal("runtime directory " + dir + " is inside " + ancestor
                    + ", which others can write to (mode " + String.format("%04o", mode & 07777) + ")", hint));
        }
        return Optional.empty();
    }
}

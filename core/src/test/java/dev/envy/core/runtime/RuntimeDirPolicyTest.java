package dev.envy.core.runtime;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RuntimeDirPolicyTest {

    @Test
    void ownPrivateDirIsAccepted() {
        assertTrue(RuntimeDirPolicy.check("/d", 1000, 0700, 1000).isEmpty());
        assertTrue(RuntimeDirPolicy.check("/d", 1000, 0755, 1000).isEmpty());
    }

    @Test
    void anotherUsersDirIsRefused() {
        var r = RuntimeDirPolicy.check("/d", 0, 0700, 1000).orElseThrow();
        assertEquals("runtime directory /d belongs to uid 0, not to you (uid 1000)", r.message());
    }

    @Test
    void aSharedStickyDirIsRefusedWithoutAdvisingAChmod() {
        var r = RuntimeDirPolicy.check("/tmp", 0, 041777, 0).orElseThrow();
        assertEquals("runtime directory /tmp is writable by others (mode 1777)", r.message());
        assertEquals("set ENVY_RUNTIME_DIR to a directory only you can write to", r.hint());
    }

    @Test
    void groupOrWorldWritableIsRefused() {
        assertEquals("runtime directory /d is writable by others (mode 0777)",
                RuntimeDirPolicy.check("/d", 5, 0777, 5).orElseThrow().message());
        assertTrue(RuntimeDirPolicy.check("/d", 5, 0720, 5).isPresent());
        assertTrue(RuntimeDirPolicy.check("/d", 5, 0702, 5).isPresent());
        assertEquals("run `chmod 700 /d` and try again", RuntimeDirPolicy.check("/d", 5, 0702, 5).orElseThrow().hint());
    }
}

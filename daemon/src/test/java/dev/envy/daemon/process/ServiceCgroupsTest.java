package dev.envy.daemon.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HD-12: what a daemon finds left by others in its own cgroup when it starts (directories stand in for cgroups). */
class ServiceCgroupsTest {
    @TempDir
    Path parent;

    private Path cgroup(String name, boolean populated) throws IOException {
        Path dir = Files.createDirectories(parent.resolve(name));
        if (populated) {
            Files.writeString(dir.resolve("cgroup.events"), "populated 1\nfrozen 0\n");
        }
        return dir;
    }

    @Test
    void HD_12_theEmptyCgroupsOfDaemonsThatAreGoneAreRemovedAndNothingElse() throws IOException {
        Path gone = cgroup("envy-4001-1a2b", false);
        cgroup("envy-4001-1a2b/svc-1", false);
        cgroup("envy-4001-1a2b/svc-2", false);
        Path goneEmptyBase = cgroup("envy-4002-ff", false);
        Path alive = cgroup("envy-4003-ff", false);                  // a running daemon's, empty between services
        Path orphans = cgroup("envy-4004-ff", false);                 // a dead daemon's services outlived it
        Path orphan = cgroup("envy-4004-ff/svc-1", true);
        Path foreign = cgroup("envy-web", false);                     // not a daemon's name
        Path other = cgroup("user.slice", false);

        ServiceCgroups.sweep(parent, Set.of(4003L)::contains);

        assertFalse(Files.exists(gone), "a dead daemon's empty cgroup and its empty service cgroups are removed");
        assertFalse(Files.exists(goneEmptyBase));
        assertTrue(Files.exists(alive), "a live daemon's cgroup is never swept");
        assertTrue(Files.exists(orphan) && Files.exists(orphans), "a cgroup that holds a process is left alone");
        assertTrue(Files.exists(foreign) && Files.exists(other), "only envy-<pid>-<nonce> is envy's");
    }
}

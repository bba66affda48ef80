package dev.envy.cli.attach;

import dev.envy.core.protocol.ServiceView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** TV-1's CPU%, RSS and ports of a service's whole process tree, read from a /proc laid out in a temp dir. */
class UsageSamplerTest {
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path proc;

    /** A stat line: pid (comm) state ppid pgrp session … utime stime … rss (field 24). */
    private void process(long pid, String comm, long ppid, long session, long utime, long stime, long rssPages)
            throws IOException {
        StringBuilder line = new StringBuilder(pid + " (" + comm + ") S " + ppid + " " + session + " " + session);
        for (int field = 7; field <= 13; field++) {
            line.append(" 0");
        }
        line.append(' ').append(utime).append(' ').append(stime);
        for (int field = 16; field <= 23; field++) {
            line.append(" 0");
        }
        line.append(' ').append(rssPages).append(" 0 0\n");
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("stat"), line);
        Files.createDirectories(dir.resolve("fd"));
    }

    private void socket(long pid, int fd, long inode) throws IOException {
        Files.createSymbolicLink(proc.resolve(pid + "/fd/" + fd), Path.of("socket:[" + inode + "]"));
    }

    private void listening(long inode, int port) throws IOException {
        Files.createDirectories(proc.resolve("net"));
        Files.writeString(proc.resolve("net/tcp"), "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
                + "retrnsmt   uid  timeout inode\n"
                + "   0: 0100007F:" + String.format("%04X", port) + " 00000000:0000 0A 00000000:00000000 00:00000000 "
                + "00000000  1000        0 " + inode + " 1 0000000000000000 100 0 0 10 0\n"
                + "   1: 0100007F:1F90 0100007F:D2F0 01 00000000:00000000 00:00000000 00000000  1000        0 "
                + (inode + 1) + " 1 0000000000000000 20 4 30 10 -1\n");
    }

    private static ServiceView running(String name, long pid) {
        return new ServiceView(name, "running", true, pid, 0, 1, 0, -1, null, null);
    }

    @Test
    void theTreeIsTheServiceItsDescendantsAndWhatKeptItsSession() throws IOException {
        process(1, "daemon", 0, 1, 0, 0, 10);
        process(100, "bash", 1, 100, 10, 0, 100);        // the service
        process(101, "postgres", 100, 100, 20, 5, 1000); // its child
        process(102, "worker", 101, 100, 1, 1, 50);      // a grandchild
        process(103, "orphan", 1, 100, 3, 0, 7);          // double-forked, adopted by the daemon, same session
        process(200, "other", 1, 200, 99, 99, 9999);      // another service
        socket(101, 5, 4242);
        listening(4242, 5432);
        UsageSampler sampler = new UsageSampler(proc);

        Map<String, Usage> first = sampler.sample(List.of(running("db", 100)), SECOND);
        assertEquals(0.0, first.get("db").cpuPercent(), "no interval yet");
        assertEquals((100 + 1000 + 50 + 7) * 4096L, first.get("db").rssBytes(), "pages of 4 KiB where auxv says nothing");
        assertEquals(List.of(5432), first.get("db").ports());

        process(101, "postgres", 100, 100, 60, 15, 1000); // +50 ticks in 2 s
        process(100, "bash", 1, 100, 10, 0, 100);
        Map<String, Usage> second = sampler.sample(List.of(running("db", 100)), 3 * SECOND);
        assertEquals(25.0, second.get("db").cpuPercent(), 0.001, "50 ticks of 1/100 s in 2 s: a quarter of a core");
        assertEquals(List.of(5432), second.get("db").ports(), "ports are kept between scans");
    }

    @Test
    void aServiceLeftRunningByADaemonThatDiedIsMeasured() throws IOException {
        process(100, "bash", 1, 100, 10, 0, 100);
        ServiceView orphaned = new ServiceView("db", "orphaned", false, 100, 0, 0, 0, -1, null, null);

        assertEquals((100) * 4096L, new UsageSampler(proc).sample(List.of(orphaned), SECOND).get("db").rssBytes());
    }

    @Test
    void servicesWithoutALiveProcessAreNotMeasured() throws IOException {
        process(100, "bash", 1, 100, 10, 0, 100);
        ServiceView stopped = new ServiceView("db", "stopped", false, -1, 0, 0, 0, -1, "SIGTERM", null);

        assertEquals(Map.of(), new UsageSampler(proc).sample(List.of(stopped), SECOND));
    }
}

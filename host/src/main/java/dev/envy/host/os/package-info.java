/**
 * The daemon's only contact with the operating system below the JDK: {@link dev.envy.host.os.Native} (libc calls
 * through the FFM API: kill, pidfd_open, poll, pipe2, read, prctl, waitpid, renameat2) and
 * {@link dev.envy.host.os.PosixSpawn} (posix_spawn), both calling through the two shapes of {@code Downcalls}, and
 * {@link dev.envy.host.os.ProcStat} ({@code /proc/PID/stat}: state, parent, group, session, start time). Linux only.
 */
package dev.envy.host.os;

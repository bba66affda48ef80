package dev.envy.daemon.loop;

/** The edge to activation processes: report when one exits (pidfd, or polling where that is missing). */
public interface ActivationPort {

    /** Runs {@code exited} once the process {@code pid} started at {@code startTime} is gone (or already is). */
    void watch(long pid, long startTime, Runnable exited);
}

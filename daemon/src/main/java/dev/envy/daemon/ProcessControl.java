package dev.envy.daemon;

import dev.envy.core.manifest.Signal;

/** What crash recovery needs of processes it did not spawn (a killed predecessor's services). */
public interface ProcessControl {

    /** The start time of the live (not zombie) process {@code pid}, empty when there is none. */
    java.util.OptionalLong startTime(long pid);

    /** Some process of the process group / session {@code pgid} is still alive. */
    boolean groupAlive(long pgid);

    void signalGroup(long pgid, Signal signal);

    /** SIGKILL the group {@code pgid} and every descendant still alive. */
    void killTree(long pgid);

    /**
     * The process groups of live processes whose environment marks them as a service of environment
     * {@code environmentId} ({@code ENVY_ENV} and {@code ENVY_SERVICE}, which every service and its children inherit),
     * each with the service's name.
     */
    java.util.Map<Long, String> markedGroups(String environmentId);
}

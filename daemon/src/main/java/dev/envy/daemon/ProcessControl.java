package dev.envy.daemon;

/** What crash recovery needs to know of processes it did not spawn (a killed predecessor's services). */
public interface ProcessControl {

    /** The start time of the live (not zombie) process {@code pid}, empty when there is none. */
    java.util.OptionalLong startTime(long pid);

    /** Some process of the process group / session {@code pgid} is still alive. */
    boolean groupAlive(long pgid);

    /**
     * The process groups of live processes whose environment marks them as a service of environment
     * {@code environmentId} ({@code ENVY_ENV} and {@code ENVY_SERVICE}, which every service and its children inherit),
     * each with the service's name.
     */
    java.util.Map<Long, String> markedGroups(String environmentId);
}

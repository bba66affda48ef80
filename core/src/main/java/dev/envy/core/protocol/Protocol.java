package dev.envy.core.protocol;

/** Constants both sides of the socket agree on (CS-11). */
public final class Protocol {

    /** The protocol version a client sends in {@link Request.Hello} and a daemon answers in {@link Response.Welcome}. */
    public static final int VERSION = 3;

    /** The envy release, as written to {@code daemon.json} and sent in the handshake. */
    public static final String RELEASE = "0.1.0";

    /**
     * The largest response payload a client accepts (16 MiB): a status report of every service, whatever the manifest
     * holds, fits many times over.
     */
    public static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

    /**
     * The largest request payload the daemon accepts (256 KiB), refused from its length before anything is allocated
     * for it: the daemon's heap is small, and the largest real request, a start of every service of the largest
     * manifest by its longest names, is a fraction of it.
     */
    public static final int MAX_REQUEST_BYTES = 256 * 1024;

    /**
     * Whether {@code response} ends an exchange. {@link Response.Progress} and {@link Response.StatusChanged} are
     * streamed before the final response; every other response is final.
     */
    public static boolean isFinal(Response response) {
        return switch (response) {
            case Response.Progress p -> false;
            case Response.StatusChanged s -> false;
            case Response.Welcome w -> true;
            case Response.Result r -> true;
            case Response.StatusReport s -> true;
            case Response.Error e -> true;
            case Response.ShuttingDown s -> true;
        };
    }

    private Protocol() {
    }
}

package dev.envy.core.protocol;

import java.io.IOException;

/**
 * A frame or message that breaks the protocol: malformed JSON, an unknown {@code type}, a missing field, or a frame
 * over {@link Protocol#MAX_FRAME_BYTES}. An {@link IOException} so that code reading frames handles one kind of failure.
 */
public final class ProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.envy.host.fs;

import java.io.IOException;

/** CS-4: the runtime directory cannot be created or is not safe to use. The message is for the user, with a hint. */
public final class RuntimeDirException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String hint;

    public RuntimeDirException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    public String hint() {
        return hint;
    }
}

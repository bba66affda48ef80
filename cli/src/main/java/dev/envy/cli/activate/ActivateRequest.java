package dev.envy.cli.activate;

import java.util.List;
import java.util.Optional;

/**
 * What the user asked of {@code envy activate}.
 *
 * @param startServices   {@code -s}
 * @param noStartServices {@code --no-start-services} (wins over {@code -s} and {@code auto-start})
 * @param shell           {@code --shell}
 * @param printScript     {@code --print-script}: in-place mode whatever stdout is
 * @param command         the command after {@code --}, empty for a shell
 * @param pid             {@code --pid}: the process to register for an in-place activation (AC-10: direnv's
 *                        {@code use envy} names the interactive shell), instead of the one that evaluates the script
 */
public record ActivateRequest(boolean startServices, boolean noStartServices, Optional<String> shell, boolean printScript,
                      List<String> command, java.util.OptionalLong pid) {
    public ActivateRequest {
        command = List.copyOf(command);
    }
}

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
 */
public record ActivateRequest(boolean startServices, boolean noStartServices, Optional<String> shell, boolean printScript,
                      List<String> command) {
    public ActivateRequest {
        command = List.copyOf(command);
    }
}

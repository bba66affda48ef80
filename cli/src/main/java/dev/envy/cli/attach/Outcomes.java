package dev.envy.cli.attach;

import dev.envy.core.protocol.Response;

import java.util.ArrayList;
import java.util.List;

/** A request's answer as the one line the view shows for it. */
final class Outcomes {
    private Outcomes() {
    }

    /** {@code restarting web} answered: {@code restarting web: done}, or what went wrong. */
    static ViewInput.Outcome of(String doing, Response answer) {
        return switch (answer) {
            case Response.Result r -> {
                List<String> said = new ArrayList<>(r.exitCode() == 0 ? r.notes() : r.errors());
                if (r.exitCode() != 0 && said.isEmpty()) {
                    said.addAll(r.notes());
                }
                String text = said.isEmpty() ? doing + ": done" : doing + ": " + String.join(" · ", firstLines(said));
                yield new ViewInput.Outcome(text, r.exitCode() != 0);
            }
            case Response.Error e -> new ViewInput.Outcome(doing + ": " + e.message()
                    + (e.hint() == null || e.hint().isBlank() ? "" : " (" + e.hint() + ")"), true);
            case Response.ShuttingDown s -> new ViewInput.Outcome(doing + ": the daemon is shutting down", true);
            case Response.StatusReport s -> new ViewInput.Outcome(doing + ": done", false);
            case Response.Welcome w -> unexpected(doing, w);
            case Response.Progress p -> unexpected(doing, p);
            case Response.StatusChanged c -> unexpected(doing, c);
        };
    }

    /** Multi-line notes and errors (a log tail after a failure) are cut to their first line each. */
    private static List<String> firstLines(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith("  ") && !line.startsWith("last log lines")) {
                out.add(line.lines().findFirst().orElse(""));
            }
        }
        return out;
    }

    private static ViewInput.Outcome unexpected(String doing, Response answer) {
        return new ViewInput.Outcome(doing + ": the daemon gave an unexpected answer (" + answer.tag() + ")", true);
    }
}

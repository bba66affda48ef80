package dev.envy.cli.up;

import dev.envy.cli.client.ProgressLine;
import dev.envy.core.protocol.Response;

import java.io.PrintWriter;

/** Not on a terminal: one line per state change, {@code db: ready}, as every other command prints progress. */
final class PlainStartView implements StartView {
    private final PrintWriter out;

    PlainStartView(PrintWriter out) {
        this.out = out;
    }

    @Override
    public synchronized void progress(Response.Progress progress) {
        out.println(ProgressLine.of(progress));
        out.flush();
    }

    @Override
    public void finish() {
        out.flush();
    }
}

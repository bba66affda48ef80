package dev.envy.core.protocol;

import dev.envy.core.text.TerminalText;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * HD-8: a daemon's answer with every string in it made safe to print ({@link TerminalText#printable}): a client prints
 * what a daemon sends, and a daemon that is not what it claims (or a service's log lines it quotes) must not be able
 * to drive the user's terminal. Every field is carried over: {@code PrintableTest} fails when a record gains one this
 * does not copy.
 */
public final class Printable {

    private Printable() {
    }

    public static Response of(Response response) {
        return switch (response) {
            case Response.Welcome w -> new Response.Welcome(w.protocolVersion(), p(w.daemonVersion()), w.daemonPid());
            case Response.Progress r -> new Response.Progress(p(r.service()), p(r.status()), p(r.detail()));
            case Response.Result r -> new Response.Result(r.exitCode(), p(r.notes()), p(r.errors()),
                    r.services().stream().map(Printable::of).toList(),
                    r.logTails().stream().map(t -> new Response.LogTail(p(t.service()), p(t.lines()))).toList());
            case Response.StatusReport r -> report(r);
            case Response.StatusChanged c -> new Response.StatusChanged(report(c.report()));
            case Response.Error e -> new Response.Error(e.exitCode(), p(e.message()), p(e.hint()));
            case Response.ShuttingDown s -> s;
        };
    }

    private static Response.StatusReport report(Response.StatusReport r) {
        return new Response.StatusReport(r.services().stream().map(Printable::of).toList(), r.manifestStale(),
                r.activations(), r.hold());
    }

    static ServiceView of(ServiceView v) {
        Map<String, Integer> ports = new TreeMap<>();
        v.ports().forEach((name, port) -> ports.put(p(name), port));
        return new ServiceView(p(v.name()), p(v.status()), v.ready(), v.pid(), v.sinceMillis(), v.startedMillis(),
                v.restarts(), v.exitCode(), p(v.signal()), p(v.message()), p(v.statusText()), ports);
    }

    private static List<String> p(List<String> lines) {
        return lines.stream().map(TerminalText::printable).toList();
    }

    private static String p(String text) {
        return TerminalText.printable(text);
    }
}

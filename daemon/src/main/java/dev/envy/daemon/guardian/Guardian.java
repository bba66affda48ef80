package dev.envy.daemon.guardian;

import dev.envy.core.lifecycle.Effect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * CS-12: the per-environment guardian, a bash process in its own session ({@code setsid}) whose stdin is a pipe
 * only this daemon writes: services are spawned with every descriptor above stderr closed, so none of them holds
 * it. Whenever the live service process groups change (with state.json), the daemon sends them; when the daemon
 * dies, however it dies, the kernel closes the pipe, and the guardian stops the groups it was last sent with their
 * stop signal, SIGKILL after their stop-timeout, writing to daemon.log. A daemon that stopped everything sent an
 * empty set, so its guardian exits without a word. Not a JVM: it costs one bash (about 4 MB) per environment.
 */
public final class Guardian implements AutoCloseable {
    private final Process process;
    private final OutputStream pipe;

    private Guardian(Process process) {
        this.process = process;
        this.pipe = process.getOutputStream();
    }

    /** Starts the guardian of the daemon whose log is {@code daemonLog}. */
    public static Guardian start(Path daemonLog) throws IOException {
        String script;
        try (InputStream in = Guardian.class.getResourceAsStream("guardian.bash")) {
            if (in == null) {
                throw new IOException("missing resource guardian.bash next to " + Guardian.class.getName());
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ProcessBuilder builder = new ProcessBuilder("setsid", "bash", "-c", script, "envy-guardian",
                daemonLog.toString())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(daemonLog.toFile()))
                .redirectErrorStream(true);
        return new Guardian(builder.start());
    }

    /** The guardian's pid. */
    public long pid() {
        return process.pid();
    }

    /** Sends the live process groups (all of them, replacing what was sent before). */
    public synchronized void record(List<Effect.LiveProcess> processes) throws IOException {
        StringBuilder text = new StringBuilder("begin\n");
        for (Effect.LiveProcess p : processes) {
            text.append(p.pid()).append(' ').append(p.startTime()).append(' ').append(p.stop().signal().number())
                    .append(' ').append(p.stop().timeout().toMillis()).append(' ').append(p.service()).append('\n');
        }
        pipe.write(text.append("end\n").toString().getBytes(StandardCharsets.UTF_8));
        pipe.flush();
    }

    /** The daemon is done (every service stopped): an empty set, then end of file; the guardian exits. */
    @Override
    public synchronized void close() throws IOException {
        try {
            record(List.of());
        } finally {
            pipe.close();
        }
    }
}

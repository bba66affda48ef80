package dev.envy.daemon.probe;

/** A running readiness probe of one service process. */
public interface ProbeHandle extends AutoCloseable {

    /** A probe that does nothing: the service reports readiness itself ({@code readiness.notify}). */
    ProbeHandle NONE = new ProbeHandle() {
        @Override
        public void onLine(String line) {
        }

        @Override
        public void close() {
        }
    };

    /** Feeds one output line of the service (log readiness); ignored by the other kinds. */
    void onLine(String line);

    /** Stops probing at once: no further attempt starts, a running command check is killed. Idempotent. */
    @Override
    void close();
}

package dev.envy.core.runtime;

import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import com.eclipsesource.json.ParseException;

import java.util.Optional;

/**
 * CS-9: the content of {@code daemon.json}, written by the daemon once it holds {@code daemon.lock}, read by
 * {@code envy daemon status} without talking to the socket. Pure encode/decode; the file I/O is the caller's.
 * Format: {@code {"pid":123,"startTime":1790000000000,"version":"0.1.0","protocol":1,"socket":"/run/..."}}.
 *
 * @param pid       the daemon's process id
 * @param startTime when the daemon started, epoch milliseconds
 * @param version   the envy release of the daemon
 * @param protocol  the protocol version it speaks
 * @param socket    the socket it listens on
 */
public record DaemonInfo(long pid, long startTime, String version, int protocol, String socket) {

    public String toJson() {
        return Json.object().add("pid", pid).add("startTime", startTime).add("version", version)
                .add("protocol", protocol).add("socket", socket).toString();
    }

    /** The info in {@code json}, or empty when it is not a complete daemon.json (e.g. half written or foreign). */
    public static Optional<DaemonInfo> parse(String json) {
        try {
            JsonValue value = Json.parse(json);
            if (!value.isObject()) {
                return Optional.empty();
            }
            JsonObject o = value.asObject();
            return Optional.of(new DaemonInfo(o.get("pid").asLong(), o.get("startTime").asLong(),
                    o.get("version").asString(), o.get("protocol").asInt(), o.get("socket").asString()));
        } catch (ParseException | UnsupportedOperationException | NumberFormatException | NullPointerException e) {
            return Optional.empty();
        }
    }
}

package dev.envy.core.manifest;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * PT-1: the names under which an allocated port is seen. The service itself sees {@code ports.http} as
 * {@code $PORT_HTTP}; every other service and every activated shell sees it as {@code $WEB_PORT_HTTP} (the service's
 * name upper-cased, {@code -} and {@code .} as {@code _}). Pure.
 */
public final class Ports {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    private Ports() {
    }

    /** A name {@code ports.NAME} may have: a letter, then letters, digits, {@code -} and {@code _}. */
    public static boolean isValidName(String port) {
        return NAME.matcher(port).matches();
    }

    /** {@code PORT_HTTP}: what the service itself sees. */
    public static String variable(String port) {
        return "PORT_" + upper(port);
    }

    /** {@code WEB_PORT_HTTP}: what other services and activated shells see. */
    public static String variable(String service, String port) {
        return upper(service) + "_" + variable(port);
    }

    /**
     * The port variables {@code service} may refer to with {@code ${NAME}} in its {@code vars} and readiness check,
     * each mapped to {@code value} applied to the port's base: its own {@code PORT_*} and every other service's
     * {@code SERVICE_PORT_*}.
     */
    public static Map<String, String> visibleTo(Manifest manifest, String service,
                                                java.util.function.IntFunction<String> value) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ServiceSpec s : manifest.services().values()) {
            s.ports().forEach((port, base) -> out.put(s.name().equals(service) ? variable(port)
                    : variable(s.name(), port), value.apply(base)));
        }
        return out;
    }

    /** {@link #visibleTo} with each variable standing for itself, {@code ${NAME}}: kept for when ports are known. */
    public static Map<String, String> placeholders(Manifest manifest, String service) {
        Map<String, String> out = new LinkedHashMap<>();
        visibleTo(manifest, service, base -> "").keySet().forEach(v -> out.put(v, "${" + v + "}"));
        return out;
    }

    /** {@code text} with each {@code ${NAME}} whose NAME is in {@code values} replaced; every other text kept. */
    public static String substitute(String text, Map<String, String> values) {
        if (values.isEmpty() || !text.contains("${")) {
            return text;
        }
        String out = text;
        for (Map.Entry<String, String> v : values.entrySet()) {
            out = out.replace("${" + v.getKey() + "}", v.getValue());
        }
        return out;
    }

    private static String upper(String name) {
        return name.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }
}

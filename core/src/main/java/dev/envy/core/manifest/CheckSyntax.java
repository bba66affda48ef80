package dev.envy.core.manifest;

import java.net.URI;
import java.util.Optional;

/** What a {@code readiness.http} and {@code .tcp} value must look like: read when the manifest is, or once resolved. */
final class CheckSyntax {
    static final String HTTP_PROBLEM = "must be an http:// or https:// URL, not '%s'";
    static final String HTTP_HINT = "e.g. \"http://127.0.0.1:3000/health\"";
    static final String TCP_PROBLEM = "must be host:port, not '%s'";
    static final String TCP_HINT = "e.g. \"127.0.0.1:5432\"";

    private CheckSyntax() {
    }

    static Optional<Readiness.Check> http(String s) {
        try {
            URI uri = new URI(s);
            String scheme = uri.getScheme();
            if (("http".equals(scheme) || "https".equals(scheme)) && uri.getHost() != null) {
                return Optional.of(new Readiness.HttpCheck(uri));
            }
        } catch (java.net.URISyntaxException e) {
            // not a URL
        }
        return Optional.empty();
    }

    static Optional<Readiness.Check> tcp(String s) {
        int colon = s.lastIndexOf(':');
        if (colon > 0 && colon < s.length() - 1 && s.length() - colon <= 6) {
            String host = s.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            String port = s.substring(colon + 1);
            if (!host.isBlank() && Sizes.allDigits(port)) {
                int n = Integer.parseInt(port);
                if (n >= 1 && n <= 65535) {
                    return Optional.of(new Readiness.TcpCheck(host, n));
                }
            }
        }
        return Optional.empty();
    }
}

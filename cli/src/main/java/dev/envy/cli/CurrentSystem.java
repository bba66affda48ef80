package dev.envy.cli;

import java.util.Locale;

/** The Nix-style name of the system this JVM runs on ({@code x86_64-linux}), as manifests' {@code systems} use. */
final class CurrentSystem {
    private CurrentSystem() {
    }

    static String name() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String cpu = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
        String kernel = os.startsWith("mac") || os.startsWith("darwin") ? "darwin" : os.startsWith("linux") ? "linux" : os;
        return cpu + "-" + kernel;
    }
}

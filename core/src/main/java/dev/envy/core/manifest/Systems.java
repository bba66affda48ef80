package dev.envy.core.manifest;

import java.util.List;
import java.util.Locale;

/** Nix-style system names ({@code x86_64-linux}), as used by {@code systems} keys. */
public final class Systems {
    /** The systems a manifest may name; the first four are the ones Flox supports. */
    public static final List<String> KNOWN = List.of("aarch64-darwin", "aarch64-linux", "x86_64-darwin", "x86_64-linux",
            "i686-linux", "armv6l-linux", "armv7l-linux", "riscv64-linux", "powerpc64le-linux", "x86_64-freebsd",
            "aarch64-freebsd");

    private Systems() {
    }

    /** The system of this JVM, from {@code os.name} and {@code os.arch}. */
    public static String current() {
        return of(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /** {@code ("Linux", "amd64")} → {@code x86_64-linux}; {@code ("Mac OS X", "aarch64")} → {@code aarch64-darwin}. */
    public static String of(String osName, String osArch) {
        return arch(osArch.toLowerCase(Locale.ROOT).strip()) + "-" + os(osName.toLowerCase(Locale.ROOT).strip());
    }

    private static String arch(String arch) {
        return switch (arch) {
            case "amd64", "x86_64", "x86-64", "x64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            case "x86", "i386", "i486", "i586", "i686" -> "i686";
            case "ppc64le" -> "powerpc64le";
            case "arm", "armv7", "armv7l" -> "armv7l";
            default -> arch.isEmpty() ? "unknown" : arch;
        };
    }

    private static String os(String name) {
        if (name.startsWith("linux")) {
            return "linux";
        }
        if (name.startsWith("mac") || name.startsWith("darwin")) {
            return "darwin";
        }
        if (name.startsWith("freebsd")) {
            return "freebsd";
        }
        return name.isEmpty() ? "unknown" : name.replace(' ', '_');
    }
}

package dev.envy.core.manifest;

/** A byte count parsed from {@code 512KB}, {@code 10MB}, {@code 1GB} (decimal units; {@code KiB} etc. binary). */
public record Size(long bytes) {
    public static Size ofBytes(long bytes) {
        return new Size(bytes);
    }
}

package dev.envy.cli.logs;

/**
 * LG-2: the colour of each service's {@code name |} prefix, by the service's place in the list shown (manifest
 * order): cyan, yellow, green, magenta, blue, red, then the bright ones; distinct on dark and light backgrounds.
 * {@code services logs}, {@code envy up} and the live view colour a service alike.
 */
public final class ServiceColours {
    /** The SGR foreground codes, in order. */
    private static final int[] SGR = {36, 33, 32, 35, 34, 31, 96, 93, 92, 95, 94, 91};

    private ServiceColours() {
    }

    /** The SGR foreground code ({@code 36}) of the service at {@code index}. */
    public static int sgr(int index) {
        return SGR[Math.floorMod(index, SGR.length)];
    }

    /** The same colour as a palette index 0–15 (jline's {@code AttributedStyle.foreground(int)}). */
    public static int palette(int index) {
        int sgr = sgr(index);
        return sgr >= 90 ? sgr - 90 + 8 : sgr - 30;
    }
}

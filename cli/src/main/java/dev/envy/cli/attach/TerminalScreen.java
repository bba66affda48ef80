package dev.envy.cli.attach;

import org.jline.keymap.BindingReader;
import org.jline.keymap.KeyMap;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlocking;
import org.jline.utils.NonBlockingReader;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;

/**
 * The live view's terminal, through jline: raw mode (keys arrive one by one, Ctrl-C and Ctrl-Z included, nothing is
 * echoed), the alternate screen, keypad keys, no cursor; {@link Display} rewrites only what changed between two
 * frames. {@link #restore()} puts the terminal back as it was and is safe to call from any exit path, more than once,
 * and from a shutdown hook (SIGHUP, or an exit that skipped it). The mouse is never captured, so the terminal's own
 * selection keeps working.
 */
final class TerminalScreen implements AutoCloseable {
    /** How long a lone Esc waits to tell itself from the start of a key's escape sequence. */
    static final long ESCAPE_WAIT_MILLIS = 50;
    /** How long the key thread waits for a key before it looks again: once a minute costs nothing. */
    static final long KEY_WAIT_MILLIS = 60_000;
    /** How long restoring waits for the key reader to end (closing its channel ends its read at once). */
    static final java.time.Duration KEYS_END_WAIT = java.time.Duration.ofMillis(500);

    private final Terminal terminal;
    private final Thread restoreOnExit = new Thread(this::restore, "envy-terminal-restore");
    private Attributes original;
    private SttyModes savedModes = SttyModes.NONE;
    private volatile Thread keyReader;
    private volatile NonBlockingReader keys;
    private Display display;
    private boolean restored = true;

    TerminalScreen(Terminal terminal) {
        this.terminal = terminal;
    }

    /** This process's terminal; fails when there is none to draw on. */
    static TerminalScreen open() throws IOException {
        // Lines are drawn with Unicode box characters as they are, not as the terminal's alternate character set,
        // which a terminal's selection copies as letters ("qqqq").
        System.setProperty(TerminalBuilder.PROP_DISABLE_ALTERNATE_CHARSET, "true");
        // Keys are read by a thread blocked in read(2) (VMIN 1), not by jline's default non-blocking reads, which wait
        // for a key with VMIN 0 / VTIME 1: a wake-up every 100 ms while nothing happens (TV-2), and terminal modes
        // changed under our feet.
        System.setProperty(TerminalBuilder.PROP_NON_BLOCKING_READS, "false");
        Terminal terminal = TerminalBuilder.builder().system(true).dumb(false).build();
        if (Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
            terminal.close();
            throw new IOException("the terminal (TERM=" + System.getenv("TERM") + ") cannot draw a full-screen view");
        }
        return new TerminalScreen(terminal);
    }

    /** Whether the terminal shows UTF-8 (else the view draws with ASCII). */
    boolean unicode() {
        return StandardCharsets.UTF_8.equals(terminal.encoding());
    }

    /** Whether the terminal can show colours at all. */
    boolean colours() {
        Integer colours = terminal.getNumericCapability(Capability.max_colors);
        return colours != null && colours >= 8;
    }

    Size size() {
        Size size = terminal.getSize();
        return size.getColumns() > 0 && size.getRows() > 0 ? size : new Size(80, 24);
    }

    /** Calls {@code onResize} on SIGWINCH (from jline's signal thread). */
    void onResize(Runnable onResize) {
        terminal.handle(Terminal.Signal.WINCH, s -> onResize.run());
    }

    /** Takes the terminal over: raw mode, the alternate screen, no cursor. */
    synchronized void enter() {
        savedModes = SttyModes.save();
        original = terminal.enterRawMode();
        Attributes raw = new Attributes(terminal.getAttributes());
        raw.setLocalFlag(Attributes.LocalFlag.ISIG, false); // Ctrl-C and Ctrl-Z are keys of the view
        raw.setControlChar(Attributes.ControlChar.VMIN, 1); // a read waits for a key: no wake-up every 100 ms
        raw.setControlChar(Attributes.ControlChar.VTIME, 0);
        terminal.setAttributes(raw);
        restored = false;
        Runtime.getRuntime().addShutdownHook(restoreOnExit);
        fullScreen();
    }

    private void fullScreen() {
        terminal.puts(Capability.enter_ca_mode);
        terminal.puts(Capability.keypad_xmit);
        terminal.puts(Capability.cursor_invisible);
        terminal.flush();
        display = new Display(terminal, true);
        Size size = size();
        display.resize(size.getRows(), size.getColumns());
        display.clear();
    }

    /** Draws a frame: only what differs from the last one is written. */
    synchronized void draw(List<AttributedString> lines) {
        if (!restored) {
            display.update(lines, -1);
        }
    }

    /** After a resize or Ctrl-L: the next frame is drawn whole. */
    synchronized void redrawWhole() {
        if (!restored) {
            Size size = size();
            display.resize(size.getRows(), size.getColumns());
            display.clear();
        }
    }

    /** Copy mode: the normal screen, with {@code lines} printed on it as plain text. */
    synchronized void printPlain(List<String> lines) {
        terminal.puts(Capability.exit_ca_mode);
        terminal.puts(Capability.keypad_local);
        PrintWriter out = terminal.writer();
        out.print("\r\n");
        for (String line : lines) {
            out.print(line);
            out.print("\r\n");
        }
        out.flush();
    }

    /** Back from copy mode. */
    synchronized void backFromPlain() {
        fullScreen();
    }

    /**
     * Reads keys until the terminal closes, on a thread of its own: each key goes to {@code keys} as a
     * {@link ViewInput.Pressed} or a {@link ViewInput.Typed}.
     */
    Thread readKeys(Consumer<ViewInput> keys) {
        KeyMap<Object> map = keyMap();
        NonBlockingReader input = keyInput();
        BindingReader reader = new BindingReader(input);
        keyReader = Thread.ofPlatform().daemon().name("envy-keys").start(() -> {
            while (true) {
                Object bound;
                try {
                    // BindingReader waits for a key by reading with a 100 ms timeout in a loop, ten wake-ups a second
                    // for nothing (TV-2): the first character of a key is awaited here, then handed to it to match
                    // the rest of the key's sequence. A timed read leaves the blocking read(2) to jline's pump thread
                    // and waits on a monitor that closing can take; an untimed one would hold it.
                    int first = input.read(KEY_WAIT_MILLIS);
                    if (first == NonBlockingReader.READ_EXPIRED) {
                        continue;
                    }
                    if (first < 0) {
                        return; // end of input
                    }
                    reader.runMacro(new String(Character.toChars(first)));
                    bound = reader.readBinding(map);
                } catch (IOException | RuntimeException closed) {
                    return;
                }
                if (bound instanceof Key key) {
                    keys.accept(new ViewInput.Pressed(key));
                } else if (bound == TYPED) {
                    String typed = reader.getLastBinding();
                    if (typed != null && !typed.isEmpty()) {
                        keys.accept(new ViewInput.Typed(typed.charAt(0)));
                    }
                }
            }
        });
        return keyReader;
    }

    /**
     * Where keys are read: the controlling terminal opened again as an interruptible channel, so that closing it
     * ends a read(2) that waits for a key at once (the JDK signals the blocked thread). A read on jline's own stream
     * cannot be ended before a key comes, and would take the first key typed at the shell after the view has gone.
     * Without a controlling terminal, jline's stream.
     */
    private NonBlockingReader keyInput() {
        try {
            FileChannel tty = FileChannel.open(Path.of("/dev/tty"), StandardOpenOption.READ);
            keys = NonBlocking.nonBlocking("envy-keys", Channels.newInputStream(tty), terminal.encoding());
            return keys;
        } catch (IOException | RuntimeException noControllingTerminal) {
            return terminal.reader();
        }
    }

    private static final Object TYPED = new Object();
    private static final Object IGNORED = new Object();

    private KeyMap<Object> keyMap() {
        KeyMap<Object> map = new KeyMap<>();
        map.setAmbiguousTimeout(ESCAPE_WAIT_MILLIS);
        map.setUnicode(TYPED);
        map.setNomatch(IGNORED);
        map.bind(TYPED, KeyMap.range(" -~"));
        bind(map, Key.UP, Capability.key_up, "\033[A", "\033OA");
        bind(map, Key.DOWN, Capability.key_down, "\033[B", "\033OB");
        bind(map, Key.RIGHT, Capability.key_right, "\033[C", "\033OC");
        bind(map, Key.LEFT, Capability.key_left, "\033[D", "\033OD");
        bind(map, Key.PAGE_UP, Capability.key_ppage, "\033[5~");
        bind(map, Key.PAGE_DOWN, Capability.key_npage, "\033[6~");
        bind(map, Key.HOME, Capability.key_home, "\033[H", "\033OH", "\033[1~", "\033[7~");
        bind(map, Key.END, Capability.key_end, "\033[F", "\033OF", "\033[4~", "\033[8~");
        map.bind(Key.ENTER, "\r", "\n");
        map.bind(Key.ESCAPE, KeyMap.esc());
        map.bind(Key.BACKSPACE, KeyMap.del(), KeyMap.ctrl('H'));
        map.bind(Key.CTRL_C, KeyMap.ctrl('C'));
        map.bind(Key.CTRL_L, KeyMap.ctrl('L'));
        return map;
    }

    private void bind(KeyMap<Object> map, Key key, Capability capability, String... fallbacks) {
        String fromTerminfo = KeyMap.key(terminal, capability);
        if (fromTerminfo != null && !fromTerminfo.isEmpty()) {
            map.bind(key, fromTerminfo);
        }
        for (String sequence : fallbacks) {
            map.bindIfNotBound(key, sequence);
        }
    }

    /**
     * Gives the terminal back as it was: the normal screen, the cursor, the original modes. Idempotent. The key
     * reader ends first, so that nothing typed afterwards (at the shell, or while {@code envy up} stops the services)
     * is read by a view that has gone.
     */
    synchronized void restore() {
        if (restored) {
            return;
        }
        restored = true;
        try {
            terminal.puts(Capability.keypad_local);
            terminal.puts(Capability.cursor_normal);
            terminal.puts(Capability.exit_ca_mode);
            terminal.flush();
            closeKeys();
            terminal.setAttributes(original);
            savedModes.restore();
        } catch (RuntimeException e) {
            // the terminal is gone (SIGHUP): nothing left to restore
        }
        if (Thread.currentThread() != restoreOnExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(restoreOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs or ran anyway
            }
        }
    }

    /** Ends the key reader: closing its channel ends the read(2) it waits in. */
    private void closeKeys() {
        NonBlockingReader input = keys;
        if (input != null) {
            try {
                input.close();
            } catch (IOException e) {
                // closing on the way out
            }
        }
        Thread reader = keyReader;
        if (reader != null && reader != Thread.currentThread()) {
            try {
                reader.join(KEYS_END_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() throws IOException {
        restore();
        terminal.close(); // which sets jline's first attributes again, speed lost: the exact modes go last
        savedModes.restore();
    }
}

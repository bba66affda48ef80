package dev.envy.cli.activate;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The interactive shells envy integrates with, and how each one spells a quoted word and an export. */
public enum Shell {
    BASH, ZSH, FISH;

    /** The name as typed by users ({@code --shell bash}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code bash}, {@code /usr/bin/zsh}, {@code -fish} (a login shell's argv[0]) → the shell, if it is one we know. */
    public static Optional<Shell> fromProgram(String program) {
        if (program == null || program.isBlank()) {
            return Optional.empty();
        }
        String base = Path.of(program.strip()).getFileName().toString();
        if (base.startsWith("-")) {
            base = base.substring(1);
        }
        return switch (base) {
            case "bash" -> Optional.of(BASH);
            case "zsh" -> Optional.of(ZSH);
            case "fish" -> Optional.of(FISH);
            default -> Optional.empty();
        };
    }

    /** A single word the shell reads back as exactly {@code text}. */
    public String quote(String text) {
        return switch (this) {
            case BASH, ZSH -> posixQuote(text);
            case FISH -> "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
        };
    }

    /** A statement that exports {@code name=value} to the shell's environment. */
    public String export(String name, String value) {
        return switch (this) {
            case BASH, ZSH -> "export " + name + "=" + quote(value);
            case FISH -> "set -gx " + name + " " + quote(value);
        };
    }

    /** A statement that removes {@code name} from the environment. */
    public String unset(String name) {
        return switch (this) {
            case BASH, ZSH -> "unset " + name;
            case FISH -> "set -e " + name;
        };
    }

    /** Single-quoting for POSIX sh, bash and zsh: {@code it's} → {@code 'it'\''s'}. */
    public static String posixQuote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** Whether {@code name} can be exported by every shell ({@code BASH_FUNC_f%%} from an exported function cannot). */
    public static boolean isPortableName(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*");
    }
}

package dev.envy.cli.edit;

import java.io.Console;
import java.util.Locale;

/** Asking the user a yes/no question, when there is a user at a terminal to ask. */
public interface Prompt {

    /** Whether stdin and stdout are a terminal, so a question can be asked and answered. */
    boolean interactive();

    /** Prints {@code question} and reads one line; null at the end of input. */
    String ask(String question);

    /** A yes/no question whose default (an empty answer) is yes; the end of input is no. */
    default boolean confirm(String question) {
        String answer = ask(question);
        if (answer == null) {
            return false;
        }
        String a = answer.trim().toLowerCase(Locale.ROOT);
        return a.isEmpty() || a.equals("y") || a.equals("yes");
    }

    /** The process's console; not interactive when either stream is redirected. */
    static Prompt console() {
        return new Prompt() {
            @Override
            public boolean interactive() {
                Console console = System.console();
                return console != null && console.isTerminal();
            }

            @Override
            public String ask(String question) {
                Console console = System.console();
                return console == null ? null : console.readLine("%s", question);
            }
        };
    }
}

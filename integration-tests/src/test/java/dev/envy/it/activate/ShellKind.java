package dev.envy.it.activate;

import dev.envy.it.support.Envy;
import dev.envy.it.support.TestProject;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the tests drive each shell: its program, the user's rc file, and how it spells a few things. */
enum ShellKind {
    BASH("/usr/bin/bash", ".bashrc", "export FROM_USER_RC=bashrc\nPS1='bash$ '\n", "$$", "$?"),
    ZSH("/usr/bin/zsh", ".zshrc", "export FROM_USER_RC=zshrc\nPROMPT='zsh$ '\n", "$$", "$?"),
    FISH("/usr/bin/fish", ".config/fish/config.fish",
            "set -gx FROM_USER_RC fish\nfunction fish_prompt; printf 'fish$ '; end\nset -g fish_greeting\n",
            "$fish_pid", "$status");

    final String program;
    final String rcFile;
    final String rc;
    final String pid;
    final String status;

    ShellKind(String program, String rcFile, String rc, String pid, String status) {
        this.program = program;
        this.rcFile = rcFile;
        this.rc = rc;
        this.pid = pid;
        this.status = status;
    }

    String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The line that activates in place in this shell. */
    String inPlace(String envy) {
        return inPlace(envy, "");
    }

    /** The line that activates in place in this shell, with {@code options} after {@code activate}. */
    String inPlace(String envy, String options) {
        String command = envy + " activate" + (options.isEmpty() ? "" : " " + options);
        return this == FISH ? command + " | source" : "eval \"$(" + command + ")\"";
    }

    /** The next shell in the order bash, zsh, fish, bash: for chains of different nested shells. */
    ShellKind next() {
        return values()[(ordinal() + 1) % values().length];
    }

    /** Writes the user's rc file into the project's HOME, so the tests see that it is still loaded. */
    void writeUserRc(TestProject project) {
        project.writeFile("../home/" + rcFile, rc);
    }

    /** The environment of a terminal running this shell for {@code project}. */
    Map<String, String> terminalEnv(TestProject project) {
        Map<String, String> env = new LinkedHashMap<>(project.envy().env());
        env.keySet().removeIf(k -> k.startsWith("TMUX"));
        env.put("SHELL", program);
        env.put("TERM", "xterm");
        env.put("WHO", "world");
        return env;
    }

    static String envy() {
        return Envy.home().resolve("bin/envy").toString();
    }

    static Path home(TestProject project) {
        return project.home();
    }
}

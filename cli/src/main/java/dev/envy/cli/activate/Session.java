package dev.envy.cli.activate;

/**
 * Everything a shell needs to be inside one environment.
 *
 * @param shell   the shell the code is for
 * @param name    the environment's name, shown in the prompt marker
 * @param change  the exports: ENVY_*, [vars], hook.on-activate's exports
 * @param profile profile.common followed by profile.&lt;shell&gt; (interactive shells only)
 */
public record Session(Shell shell, String name, EnvironmentChange change, String profile) {

    /** {@code (envy:NAME) }, with characters a prompt would interpret replaced. */
    public String marker() {
        return "(envy:" + name.replaceAll("[^A-Za-z0-9._+@-]", "_") + ") ";
    }
}

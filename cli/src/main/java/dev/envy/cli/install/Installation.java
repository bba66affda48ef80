package dev.envy.cli.install;

import dev.envy.cli.EnvyException;
import dev.envy.cli.completion.CommandModel;
import dev.envy.cli.completion.CompletionScripts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code envy install} puts under a prefix, and what {@code envy uninstall} takes away: the link
 * {@code PREFIX/bin/envy} to the launcher, a man page per command in {@code PREFIX/share/man/man1/}, and the
 * completion scripts where bash-completion, zsh and fish look for them. Every file it writes says that envy made it
 * (the link points at a launcher that says so), and it replaces or removes only such files, so it never takes
 * what another program put there. Directories it made are left in place, as {@code make uninstall} leaves them.
 *
 * @param prefix the installation prefix, {@code ~/.local} by default
 */
public record Installation(Path prefix) {

    public Path bin() {
        return prefix.resolve("bin");
    }

    public Path link() {
        return bin().resolve("envy");
    }

    public Path man1() {
        return prefix.resolve("share/man/man1");
    }

    public Path manDir() {
        return prefix.resolve("share/man");
    }

    /** Where each shell's completion goes: bash-completion's, zsh's site-functions, fish's vendor completions. */
    public Map<String, Path> completions() {
        Map<String, Path> files = new LinkedHashMap<>();
        files.put("bash", prefix.resolve("share/bash-completion/completions/envy"));
        files.put("zsh", prefix.resolve("share/zsh/site-functions/_envy"));
        files.put("fish", prefix.resolve("share/fish/vendor_completions.d/envy.fish"));
        return files;
    }

    /** Installs {@code launcher} (bin/envy of a checkout) with the pages and scripts of {@code model}; what was done. */
    public List<String> install(Path launcher, CommandModel model, boolean force) throws IOException {
        Map<Path, String> files = new LinkedHashMap<>();
        ManPages.of(model).forEach((name, page) -> files.put(man1().resolve(name), page));
        completions().forEach((shell, file) -> files.put(file, CompletionScripts.of(shell, model)));

        if (!force) {
            if (Files.exists(link(), LinkOption.NOFOLLOW_LINKS) && !isOurLink(link())) {
                throw occupied(link());
            }
            for (Path file : files.keySet()) {
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !isOurs(file)) {
                    throw occupied(file);
                }
            }
        }
        List<String> done = new ArrayList<>();
        Files.createDirectories(bin());
        boolean same = isOurLink(link()) && Files.readSymbolicLink(link()).equals(launcher);
        if (!same) {
            Files.deleteIfExists(link());
            Files.createSymbolicLink(link(), launcher);
        }
        done.add(link() + " -> " + launcher + (same ? " (already there)" : ""));
        for (Map.Entry<Path, String> f : files.entrySet()) {
            Files.createDirectories(f.getKey().getParent());
            Files.deleteIfExists(f.getKey()); // a link put there (with --force) is replaced, not written through
            Files.writeString(f.getKey(), f.getValue(), StandardCharsets.UTF_8);
        }
        List<Path> pages = files.keySet().stream().filter(p -> p.startsWith(man1())).toList();
        for (Path stale : ourPages()) {
            if (!pages.contains(stale)) {
                Files.delete(stale); // the page of a command this version no longer has
            }
        }
        done.add(man1().resolve("envy.1") + " and " + (pages.size() - 1) + " more man pages (`man envy`)");
        completions().values().forEach(p -> done.add(p.toString()));
        return done;
    }

    /** Removes what {@link #install} wrote, and nothing else; what was done (and what was left, and why). */
    public List<String> uninstall() throws IOException {
        List<String> done = new ArrayList<>();
        if (isOurLink(link())) {
            Files.delete(link());
            done.add("removed " + link());
        } else if (Files.exists(link(), LinkOption.NOFOLLOW_LINKS)) {
            done.add("left " + link() + ": it is not a link to envy's launcher");
        }
        List<Path> pages = ourPages();
        for (Path page : pages) {
            Files.delete(page);
        }
        if (!pages.isEmpty()) {
            done.add("removed " + pages.size() + " man pages from " + man1());
        }
        for (Path file : completions().values()) {
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && isOurs(file)) {
                Files.delete(file);
                done.add("removed " + file);
            } else if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                done.add("left " + file + ": envy did not write it");
            }
        }
        return done;
    }

    private static EnvyException occupied(Path file) {
        return EnvyException.invalid(file + " already exists and envy did not make it; nothing was installed",
                "move it away, or run `envy install --force` to replace it");
    }

    /** envy's man pages in man1/ (envy.1, envy-*.1 with envy's first line). */
    private List<Path> ourPages() throws IOException {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(man1())) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(man1(), "envy{,-*}.1")) {
            for (Path p : entries) {
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && isOurs(p)) {
                    found.add(p);
                }
            }
        }
        found.sort(null);
        return found;
    }

    /** A link to a file that is envy's launcher (its header says so). */
    static boolean isOurLink(Path link) {
        return Files.isSymbolicLink(link) && head(link).contains("# envy launcher");
    }

    /** A file envy generated: a man page or completion script whose first lines say so. */
    static boolean isOurs(Path file) {
        String head = head(file);
        return head.startsWith(ManPages.MARKER) || head.contains("generated by `envy completion ");
    }

    private static String head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(400), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}

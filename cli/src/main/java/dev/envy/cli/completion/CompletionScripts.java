package dev.envy.cli.completion;

import dev.envy.cli.Version;
import dev.envy.cli.activate.Shell;
import dev.envy.cli.completion.CommandModel.Command;
import dev.envy.cli.completion.CommandModel.Option;
import dev.envy.cli.completion.CommandModel.Value;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The completion scripts of bash, zsh and fish, rendered from one {@link CommandModel}: the shell code is in the
 * templates next to this class, the tables of commands, options and values are generated here.
 *
 * <p>Not picocli's {@code AutoComplete}: its bash script knows only the values fixed when it is generated, while
 * service names are the project's and known only at the moment of the Tab; and it has no fish. So one generator over
 * picocli's model serves all three shells, and asks {@code envy completion --services} for the names.
 */
public final class CompletionScripts {
    /** The shells a script is made for; the first line of each says so (and {@code envy uninstall} looks for it). */
    public static final List<String> SHELLS = List.of("bash", "zsh", "fish");

    private CompletionScripts() {
    }

    public static String of(String shell, CommandModel model) {
        return switch (shell) {
            case "bash" -> bash(model);
            case "zsh" -> zsh(model);
            case "fish" -> fish(model);
            default -> throw new IllegalArgumentException("no completion for " + shell);
        };
    }

    static String bash(CommandModel model) {
        StringBuilder t = new StringBuilder();
        t.append("# What each command has: subs (its subcommands), opts (its options), pos (what its other words are).\n");
        t.append("_envy_spec() {\n    case $1 in\n");
        for (Command c : model.commands()) {
            t.append("        ").append(q(c.path())).append(") subs=").append(q(String.join(" ", c.subcommands())))
                    .append("; opts=").append(q(c.options().stream().flatMap(o -> o.names().stream())
                            .collect(Collectors.joining(" "))))
                    .append("; pos=").append(kind(c.positional())).append("; poswords=")
                    .append(q(String.join(" ", c.positional().words()))).append(" ;;\n");
        }
        t.append("        *) subs=''; opts=''; pos=none; poswords='' ;;\n    esac\n}\n\n");
        t.append(valueTable());
        appendValueCases(t, model);
        t.append("        *) return 1 ;;\n    esac\n}\n");
        return template("envy.bash").replace("@@TABLES@@", t.toString());
    }

    static String zsh(CommandModel model) {
        StringBuilder t = new StringBuilder();
        t.append("# What each command has: its subcommands and options (with descriptions), what its other words are.\n");
        t.append("_envy_spec() {\n    case $1 in\n");
        for (Command c : model.commands()) {
            t.append("        ").append(q(c.path())).append(")\n");
            t.append("            subs=(").append(words(c.subcommands())).append(")\n");
            t.append("            subdescs=(").append(c.subcommands().stream()
                    .map(s -> q(s + ":" + zshDescription(model, c, s))).collect(Collectors.joining(" "))).append(")\n");
            t.append("            optdescs=(").append(c.options().stream().flatMap(o -> o.names().stream()
                    .map(n -> q(n + ":" + menu(o.description()).replace(":", "\\:")))).collect(Collectors.joining(" ")))
                    .append(")\n");
            t.append("            pos=").append(kind(c.positional())).append("; poswords=")
                    .append(q(String.join(" ", c.positional().words()))).append(" ;;\n");
        }
        t.append("        *) subs=(); subdescs=(); optdescs=(); pos=none; poswords='' ;;\n    esac\n}\n\n");
        t.append(valueTable());
        appendValueCases(t, model);
        t.append("        *) return 1 ;;\n    esac\n}\n");
        return template("envy.zsh").replace("@@TABLES@@", t.toString());
    }

    static String fish(CommandModel model) {
        StringBuilder t = new StringBuilder();
        t.append("# The subcommands of a command.\nfunction __envy_subs\n    switch $argv[1]\n");
        for (Command c : model.commands()) {
            if (!c.subcommands().isEmpty()) {
                t.append("        case ").append(fq(c.path())).append("\n            printf '%s\\n' ")
                        .append(c.subcommands().stream().map(CompletionScripts::fq).collect(Collectors.joining(" ")))
                        .append('\n');
            }
        }
        t.append("    end\nend\n\n");
        t.append("# Succeeds (printing what the value is) when option $argv[2] of command $argv[1] takes a value.\n");
        t.append("function __envy_value\n    switch \"$argv[1]|$argv[2]\"\n");
        for (Command c : model.commands()) {
            for (Option o : c.options()) {
                if (o.takesValue()) {
                    t.append("        case ").append(o.names().stream().map(n -> fq(c.path() + "|" + n))
                            .collect(Collectors.joining(" "))).append("\n            echo ").append(kind(o.value()))
                            .append('\n');
                }
            }
        }
        t.append("        case '*'\n            return 1\n    end\nend\n");

        StringBuilder completes = new StringBuilder();
        for (Command c : model.commands()) {
            String at = "-n " + fq("__envy_at " + fq(c.path()));
            for (String sub : c.subcommands()) {
                completes.append("complete -c envy ").append(at).append(" -a ").append(fq(sub)).append(" -d ")
                        .append(fq(shortDescription(model, c, sub))).append('\n');
            }
            for (Option o : c.options()) {
                completes.append("complete -c envy ").append(at);
                for (String n : o.names()) {
                    completes.append(n.startsWith("--") ? " -l " + n.substring(2)
                            : n.length() == 2 ? " -s " + n.substring(1) : " -o " + n.substring(1));
                }
                if (o.takesValue()) {
                    completes.append(switch (o.value().kind()) {
                        case DIRECTORY -> " -x -a '(__fish_complete_directories (commandline -ct))'";
                        case FILE -> " -r -F";
                        case WORDS -> " -x -a " + fq(String.join(" ", o.value().words()));
                        default -> " -x";
                    });
                }
                completes.append(" -d ").append(fq(menu(o.description()))).append('\n');
            }
            Value pos = c.positional();
            switch (pos.kind()) {
                case SERVICE -> completes.append("complete -c envy ").append(at).append(" -a '(__envy_services)'\n");
                case WORDS -> completes.append("complete -c envy ").append(at).append(" -a ")
                        .append(fq(String.join(" ", pos.words()))).append('\n');
                case DIRECTORY -> completes.append("complete -c envy ").append(at)
                        .append(" -a '(__fish_complete_directories (commandline -ct))'\n");
                case FILE -> completes.append("complete -c envy ").append(at).append(" -F\n");
                case COMMAND -> completes.append("complete -c envy -n ").append(fq("__envy_at " + fq(c.path() + " --")))
                        .append(" -F -a '(__fish_complete_command)'\n");
                case NONE -> {
                }
            }
        }
        return template("envy.fish").replace("@@TABLES@@", t.toString()).replace("@@COMPLETES@@", completes.toString());
    }

    private static String valueTable() {
        return "# Succeeds when option $2 of command $1 takes a value, and says what it is: kind (and vals for words).\n"
                + "_envy_value() {\n    kind=none\n    vals=''\n    case \"$1|$2\" in\n";
    }

    private static void appendValueCases(StringBuilder t, CommandModel model) {
        for (Command c : model.commands()) {
            for (Option o : c.options()) {
                if (o.takesValue()) {
                    t.append("        ").append(o.names().stream().map(n -> q(c.path() + "|" + n))
                                    .collect(Collectors.joining("|")))
                            .append(") kind=").append(kind(o.value())).append("; vals=")
                            .append(q(String.join(" ", o.value().words()))).append(" ;;\n");
                }
            }
        }
    }

    /** The description of subcommand {@code sub} of {@code parent}. */
    private static String shortDescription(CommandModel model, Command parent, String sub) {
        String path = parent.path().isEmpty() ? sub : parent.path() + " " + sub;
        return model.commands().stream().filter(c -> c.path().equals(path)).findFirst()
                .map(c -> menu(c.description())).orElse("");
    }

    /** A description short enough for one line of a completion menu. */
    static String menu(String description) {
        if (description.length() <= 72) {
            return description;
        }
        int cut = description.lastIndexOf(' ', 70);
        return description.substring(0, cut > 40 ? cut : 70).replaceAll("[,;:(]+$", "") + "…";
    }

    private static String zshDescription(CommandModel model, Command parent, String sub) {
        return shortDescription(model, parent, sub).replace(":", "\\:");
    }

    private static String kind(Value value) {
        return value.kind().name().toLowerCase(Locale.ROOT);
    }

    private static String words(List<String> words) {
        return words.stream().map(CompletionScripts::q).collect(Collectors.joining(" "));
    }

    private static String q(String s) {
        return Shell.posixQuote(s);
    }

    private static String fq(String s) {
        return Shell.FISH.quote(s);
    }

    private static String template(String name) {
        try (InputStream in = CompletionScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " next to " + CompletionScripts.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@@VERSION@@", Version.number())
                    .replace("@@NAMES@@", ServiceNamesFile.NAME);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

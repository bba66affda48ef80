package dev.envy.cli.completion;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The visible commands of {@code envy}, read from picocli's model of them (every command, option and description
 * comes from the command classes' annotations, so shell completions and man pages cannot drift from the parser).
 * What a value is, is read from its label: {@code DIR} a directory, {@code FILE} a file, {@code a|b|c} one of those
 * words, {@code CMD} a command, and a positional labelled {@code NAME} a service of the project's manifest.
 */
public record CommandModel(List<Command> commands) {

    /** The kinds of value a word can take. */
    public enum Kind { NONE, DIRECTORY, FILE, WORDS, COMMAND, SERVICE }

    /** One word's possible values: a kind, and the words themselves for {@link Kind#WORDS}. */
    public record Value(Kind kind, List<String> words) {
        static Value of(ArgSpec arg) {
            String label = arg.paramLabel().replaceAll("[<>\\[\\].]", "");
            if (label.contains("|")) {
                return new Value(Kind.WORDS, Arrays.asList(label.split("\\|")));
            }
            Kind kind = switch (label) {
                case "DIR" -> Kind.DIRECTORY;
                case "FILE" -> Kind.FILE;
                case "CMD" -> Kind.COMMAND;
                case "NAME" -> arg.isPositional() ? Kind.SERVICE : Kind.NONE;
                default -> Kind.NONE;
            };
            return new Value(kind, List.of());
        }
    }

    /** An option: its names (short first), what its value is (NONE for a flag) and its first line of description. */
    public record Option(List<String> names, boolean takesValue, Value value, String label, String description) {
    }

    /**
     * A command: its words after {@code envy} ("" for envy itself, "services start"), its subcommands, options and
     * what its positional words are.
     */
    public record Command(String path, String description, List<String> subcommands, List<Option> options,
                          Value positional, CommandSpec spec) {
        /** The name as man pages and qualified names spell it: {@code envy-services-start}. */
        public String manName() {
            return path.isEmpty() ? "envy" : "envy-" + path.replace(' ', '-');
        }

        /** {@code envy services start}. */
        public String qualifiedName() {
            return path.isEmpty() ? "envy" : "envy " + path;
        }
    }

    /** The model of {@code root} (the whole tree, as {@code --help} shows it), hidden commands and options left out. */
    public static CommandModel of(CommandLine root) {
        List<Command> commands = new ArrayList<>();
        add(commands, "", root);
        return new CommandModel(List.copyOf(commands));
    }

    private static void add(List<Command> into, String path, CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        List<String> subs = new ArrayList<>();
        List<Map.Entry<String, CommandLine>> visible = new ArrayList<>();
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            if (!e.getValue().getCommandSpec().usageMessage().hidden()
                    && e.getKey().equals(e.getValue().getCommandName())) {
                subs.add(e.getKey());
                visible.add(e);
            }
        }
        List<Option> options = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            List<String> names = new ArrayList<>(Arrays.asList(o.names()));
            names.sort((a, b) -> Integer.compare(a.length(), b.length()));
            boolean takesValue = o.arity().max() > 0 && !o.typeInfo().isBoolean();
            options.add(new Option(List.copyOf(names), takesValue,
                    takesValue ? Value.of(o) : new Value(Kind.NONE, List.of()),
                    takesValue ? o.paramLabel() : "", firstLine(o.description())));
        }
        Value positional = new Value(Kind.NONE, List.of());
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (!p.hidden()) {
                positional = Value.of(p);
            }
        }
        into.add(new Command(path, firstLine(spec.usageMessage().description()), List.copyOf(subs),
                List.copyOf(options), positional, spec));
        for (Map.Entry<String, CommandLine> e : visible) {
            add(into, path.isEmpty() ? e.getKey() : path + " " + e.getKey(), e.getValue());
        }
    }

    /** The first sentence-ish line of a description, for a completion menu. */
    static String firstLine(String[] description) {
        if (description == null || description.length == 0) {
            return "";
        }
        String text = String.join(" ", description).strip();
        int stop = text.indexOf(". ");
        String first = stop > 0 ? text.substring(0, stop) : text;
        first = first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
        return first.replace("%n", " ").replaceAll("\\s+", " ");
    }
}

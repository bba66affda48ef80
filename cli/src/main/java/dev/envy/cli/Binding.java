package dev.envy.cli;

import picocli.CommandLine.Model.ISetter;

import java.util.function.Consumer;

/**
 * Where picocli puts an option's value: a field of the command, through a lambda. The commands describe their options
 * with picocli's programmatic API ({@code OptionSpec.builder(...)}) rather than annotations, because building a
 * model from annotations reads them through proxy classes generated at run time, which cost every envy run tens of
 * milliseconds that no AOT cache can save (docs/startup.md).
 */
public final class Binding<T> implements ISetter {
    private final Consumer<T> set;

    private Binding(Consumer<T> set) {
        this.set = set;
    }

    /** Sets a field ({@code v -> json = v}); null (picocli's reset before a parse) leaves its initial value. */
    public static <T> Binding<T> to(Consumer<T> set) {
        return new Binding<>(set);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> V set(V value) {
        if (value != null) {
            set.accept((T) value);
        }
        return null;
    }
}

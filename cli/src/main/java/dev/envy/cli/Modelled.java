package dev.envy.cli;

import picocli.CommandLine.Model.CommandSpec;

/** A command that describes itself to picocli: its model, built once, with its options bound to its fields. */
public interface Modelled {
    CommandSpec spec();
}

package dev.envy.core.manifest;

import java.util.List;

/** What loading a manifest gives: the manifest, or every problem in the file. */
public sealed interface LoadResult {
    record Loaded(Manifest manifest) implements LoadResult {}

    record Invalid(List<Problem> problems) implements LoadResult {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }
}

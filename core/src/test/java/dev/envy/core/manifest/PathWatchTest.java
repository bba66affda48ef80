package dev.envy.core.manifest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** WT-1: which changed paths a watch's globs take, and which directories the daemon must watch for them. */
class PathWatchTest {

    @ParameterizedTest(name = "{0} on {1}: {3}")
    @CsvSource(delimiter = '|', value = {
            "src/**|src/a.py||true",
            "src/**|src/deep/er/a.py||true",
            "src/**|srcx/a.py||false",
            "src|src/a/b.c||true",
            "src/**/*.py|src/a.py||true",
            "src/**/*.py|src/x/y/a.py||true",
            "src/**/*.py|src/x/a.pyc||false",
            "*.py|a.py||true",
            "*.py|lib/a.py||false",
            "**/*.py|lib/a.py||true",
            "./config.toml|config.toml||true",
            "config.{toml,json}|config.json||true",
            "file?.txt|file1.txt||true",
            "[ab].txt|b.txt||true",
            "[!ab].txt|b.txt||false",
            "src/**|src/a.tmp|**/*.tmp|false",
            "src/**|src/build/x.o|src/build|false",
            "**|.git/HEAD||false",
            "**|sub/.envy/logs/x.log||false",
            "**|.gitignore||true",
    })
    void matches(String glob, String path, String ignore, boolean expected) {
        PathWatch w = new PathWatch(List.of(glob), ignore == null ? List.of() : List.of(ignore), Duration.ZERO);
        assertEquals(expected, w.matches(path));
    }

    @Test
    void theDaemonWatchesBelowTheLiteralPartOfEachGlob() {
        assertEquals(List.of(new PathWatch.Root("src", true)), PathGlob.roots("src/**/*.py"));
        assertEquals(List.of(new PathWatch.Root("", false)), PathGlob.roots("*.py"));
        assertEquals(List.of(new PathWatch.Root("", true)), PathGlob.roots("**/*.py"));
        assertEquals(List.of(new PathWatch.Root("src/a", false)), PathGlob.roots("src/a/*.c"));
        assertEquals(List.of(new PathWatch.Root("", false), new PathWatch.Root("config.toml", true)),
                PathGlob.roots("config.toml"));
        assertEquals(List.of(new PathWatch.Root("app", false), new PathWatch.Root("app/src", true)),
                PathGlob.roots("./app/src/"));
    }
}

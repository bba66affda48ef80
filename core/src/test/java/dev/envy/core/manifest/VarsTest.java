package dev.envy.core.manifest;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VarsTest {
    static Map<String, String> vars(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void referenceToAnotherVarUsesItsExpandedValue() {
        assertEquals(vars("HOST", "localhost", "URL", "http://localhost:5432", "DSN", "pg://http://localhost:5432"),
                Vars.expand(vars("HOST", "localhost", "URL", "http://${HOST}:5432", "DSN", "pg://${URL}"), Map.of()));
    }

    @Test
    void referenceMayComeBeforeTheVarItNames() {
        assertEquals("a/b", Vars.expand(vars("A", "${B}", "B", "a/b"), Map.of()).get("A"));
    }

    @Test
    void referenceToTheOuterEnvironmentAndUnknownNames() {
        assertEquals(vars("DATA", "/home/u/data", "X", "[]"),
                Vars.expand(vars("DATA", "${HOME}/data", "X", "[${NOPE}]"), Map.of("HOME", "/home/u")));
    }

    @Test
    void selfReferenceExtendsTheOuterValue() {
        assertEquals("/opt/bin:/usr/bin",
                Vars.expand(vars("PATH", "/opt/bin:${PATH}"), Map.of("PATH", "/usr/bin")).get("PATH"));
    }

    @Test
    void onlyBracedNamesAreExpanded() {
        String raw = "$HOME ${HOME:-x} $(id) ${} ${1A} $${HOME} ${HOME";
        assertEquals("$HOME ${HOME:-x} $(id) ${} ${1A} $/h ${HOME",
                Vars.expand(vars("V", raw), Map.of("HOME", "/h", "1A", "/h")).get("V"));
    }

    @Test
    void cycleFallsBackToTheOuterEnvironmentInsteadOfLooping() {
        Map<String, String> out = Vars.expand(vars("A", "${B}", "B", "${A}"), Map.of("A", "outer-a", "B", "outer-b"));

        assertEquals(vars("A", "outer-a", "B", "outer-a"), out);
    }

    @Test
    void expansionKeepsTheOrderOfTheVars() {
        assertEquals(List.of("Z", "A", "M"),
                List.copyOf(Vars.expand(vars("Z", "1", "A", "${Z}", "M", "3"), Map.of()).keySet()));
    }

    @Test
    void referencesAndTheirGraph() {
        assertEquals(Set.of("A", "B"), Vars.references("${A}/${B}/${A}/$C/${D-}"));
        assertEquals(Map.of("A", List.of("B"), "B", List.of()), Vars.referenceGraph(vars("A", "${A}${B}${X}", "B", "b")));
    }

    @Test
    void variableNames() {
        assertTrue(Vars.isValidName("PG_PORT"));
        assertTrue(Vars.isValidName("_x1"));
        assertFalse(Vars.isValidName("1PORT"));
        assertFalse(Vars.isValidName("MY-VAR"));
        assertFalse(Vars.isValidName(""));
    }
}

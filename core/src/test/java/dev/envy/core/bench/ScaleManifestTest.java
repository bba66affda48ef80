package dev.envy.core.bench;

import dev.envy.core.graph.ServiceGraph;
import dev.envy.core.manifest.Condition;
import dev.envy.core.manifest.LoadResult;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.ManifestLoader;
import dev.envy.core.manifest.ServiceSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** The benchmark's manifest is what it claims to be: 1,000 services, 3,000 edges, 10 levels of 100. Not timed. */
class ScaleManifestTest {
    @Test
    void generatedManifestLoadsWithTheExpectedLevelStructure() {
        LoadResult result = ManifestLoader.parse(ScaleManifest.generate(10, 100), Path.of("envy.toml"), "x86_64-linux");

        Manifest manifest = assertInstanceOf(LoadResult.Loaded.class, result).manifest();
        assertEquals(1_000, manifest.services().size());
        assertEquals(3_000, manifest.services().values().stream().mapToInt(s -> s.dependsOn().size()).sum());

        List<List<String>> levels = ServiceGraph.of(manifest.services()).startLevels();
        assertEquals(10, levels.size());
        for (int layer = 0; layer < 10; layer++) {
            assertEquals(100, levels.get(layer).size());
            assertEquals(ScaleManifest.name(layer, 0), levels.get(layer).getFirst());
            assertEquals(ScaleManifest.name(layer, 99), levels.get(layer).getLast());
        }
    }

    @Test
    void generatedDependenciesResolveTheirConditions() {
        Manifest manifest = ((LoadResult.Loaded) ManifestLoader.parse(ScaleManifest.generate(10, 100),
                Path.of("envy.toml"), "x86_64-linux")).manifest();

        ServiceSpec arrayForm = manifest.services().get(ScaleManifest.name(1, 4));
        assertEquals(Map.of(ScaleManifest.name(0, 4), Condition.STARTED, ScaleManifest.name(0, 5), Condition.READY,
                ScaleManifest.name(0, 6), Condition.STARTED), arrayForm.dependsOn());
        assertEquals(4, manifest.services().get(ScaleManifest.name(5, 1)).dependsOn().size());
    }
}

package dev.envy.it.support;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Creates {@link TestProject}s for a test and cleans every one of them up after it ({@code envy down}, recorded
 * process groups, leftovers, files), even when the test failed:
 * <pre>{@code
 * @RegisterExtension final Projects projects = new Projects();
 * TestProject p = projects.copyOf("webapp");
 * }</pre>
 */
public final class Projects implements AfterEachCallback {
    private final List<TestProject> created = new ArrayList<>();

    public TestProject empty() {
        return track(TestProject.empty());
    }

    public TestProject withManifest(String toml) {
        return track(TestProject.withManifest(toml));
    }

    public TestProject copyOf(String exampleName) {
        return track(TestProject.copyOf(exampleName));
    }

    private TestProject track(TestProject p) {
        created.add(p);
        return p;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (int i = created.size() - 1; i >= 0; i--) {
            created.get(i).close();
        }
        created.clear();
    }
}

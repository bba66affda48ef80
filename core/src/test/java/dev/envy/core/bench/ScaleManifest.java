package dev.envy.core.bench;

/**
 * A generated manifest for scale checks: {@code layers} layers of {@code width} services. Every service after the
 * first layer depends on 3 services of the layer before (so levels are exactly the layers), and the first half of
 * each layer from the fourth on also depends on its counterpart three layers back (an edge that changes no level).
 * With 10 layers of 100: 1,000 services, 2,700 + 300 = 3,000 edges, acyclic, 10 start levels of 100.
 * Every fifth service has a readiness check, every other one uses the table form of {@code depends-on}.
 */
public final class ScaleManifest {
    private ScaleManifest() {
    }

    public static String name(int layer, int index) {
        return "svc-%02d-%03d".formatted(layer, index);
    }

    public static String generate(int layers, int width) {
        StringBuilder toml = new StringBuilder(layers * width * 160);
        toml.append("version = 1\n\n[vars]\nBASE = \"/srv\"\nDATA = \"${BASE}/data\"\n\n");
        for (int layer = 0; layer < layers; layer++) {
            for (int k = 0; k < width; k++) {
                String name = name(layer, k);
                toml.append("[services.").append(name).append("]\n");
                toml.append("command = \"./run ").append(name).append(" --data $DATA\"\n");
                if ((layer * width + k) % 5 == 0) {
                    toml.append("readiness.tcp = \"127.0.0.1:").append(10_000 + layer * width + k).append("\"\n");
                    toml.append("readiness.interval = \"250ms\"\n");
                }
                if (layer > 0) {
                    String[] deps = {name(layer - 1, k), name(layer - 1, (k + 1) % width), name(layer - 1, (k + 2) % width)};
                    boolean longEdge = layer >= 4 && k < width / 2;
                    if (k % 2 == 0) {
                        toml.append("depends-on = [\"").append(String.join("\", \"", deps)).append('"');
                        if (longEdge) {
                            toml.append(", \"").append(name(layer - 3, k)).append('"');
                        }
                        toml.append("]\n");
                    } else {
                        toml.append("depends-on = { ");
                        for (String dep : deps) {
                            toml.append('"').append(dep).append("\" = \"started\", ");
                        }
                        if (longEdge) {
                            toml.append('"').append(name(layer - 3, k)).append("\" = \"ready\", ");
                        }
                        toml.setLength(toml.length() - 2);
                        toml.append(" }\n");
                    }
                }
                toml.append("stop-timeout = \"5s\"\n\n");
            }
        }
        return toml.toString();
    }
}

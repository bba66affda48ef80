package dev.envy.core.bench;

import dev.envy.core.graph.ServiceGraph;
import dev.envy.core.manifest.LoadResult;
import dev.envy.core.manifest.Manifest;
import dev.envy.core.manifest.ManifestLoader;
import dev.envy.core.manifest.Problem;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Times parse + validate + plan (load, {@link ServiceGraph#of}, {@link ServiceGraph#startLevels()}) of a generated
 * manifest of 1,000 services and 3,000 edges: the first run in this JVM (cold: class loading, no JIT) and the median
 * of the warm runs after it. Both wall-clock time and the thread's CPU time are shown: on a shared machine the CPU
 * time is the fairer figure. Run by {@code bench/manifest-scale}; arguments: {@code [warmRuns] [layers] [width]}.
 */
public final class ManifestScaleBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ManifestScaleBench() {
    }

    public static void main(String[] args) {
        int warmRuns = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int layers = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int width = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        measure(ScaleManifest.generate(layers, width), warmRuns);
    }

    /** Times {@code toml} cold (it should be the first manifest this JVM loads) and warm. */
    static void measure(String toml, int warmRuns) {
        Run cold = run(toml);
        List<Run> warm = new ArrayList<>();
        for (int i = 0; i < warmRuns; i++) {
            warm.add(run(toml));
        }
        System.out.printf("manifest: %d services, %d bytes of TOML, %d start levels%n", cold.services, toml.length(),
                cold.levels);
        System.out.printf("cold, first run in a fresh JVM: wall %7.1f ms (load %.1f + plan %.1f), cpu %7.1f ms%n",
                ms(cold.loadNanos + cold.planNanos), ms(cold.loadNanos), ms(cold.planNanos), ms(cold.cpuNanos));
        System.out.printf("warm, median of %3d runs:       wall %7.1f ms (load %.1f + plan %.1f), cpu %7.1f ms%n",
                warmRuns, median(warm, Run::total), median(warm, Run::loadNanos), median(warm, Run::planNanos),
                median(warm, Run::cpuNanos));
    }

    private record Run(long loadNanos, long planNanos, long cpuNanos, int services, int levels) {
        long total() {
            return loadNanos + planNanos;
        }
    }

    private static Run run(String toml) {
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        LoadResult result = ManifestLoader.parse(toml, Path.of("envy.toml"), "x86_64-linux");
        long t1 = System.nanoTime();
        if (!(result instanceof LoadResult.Loaded(Manifest manifest))) {
            throw new IllegalStateException("generated manifest is invalid: "
                    + ((LoadResult.Invalid) result).problems().stream().limit(5).map(Problem::format).toList());
        }
        ServiceGraph graph = ServiceGraph.of(manifest.services());
        int levels = graph.startLevels().size();
        long t2 = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
        return new Run(t1 - t0, t2 - t1, cpu, manifest.services().size(), levels);
    }

    private static double median(List<Run> runs, java.util.function.ToLongFunction<Run> measure) {
        List<Long> values = new ArrayList<>();
        runs.forEach(r -> values.add(measure.applyAsLong(r)));
        Collections.sort(values);
        return values.isEmpty() ? Double.NaN : ms(values.get(values.size() / 2));
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}

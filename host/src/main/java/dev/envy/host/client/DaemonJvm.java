package dev.envy.host.client;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How to start a daemon process: which java, which JVM flags, which classpath and main class. Production uses
 * {@link #fromEnvyHome}; tests point the classpath and main class at a fake daemon.
 *
 * @param java      the java executable
 * @param jvmFlags  flags before {@code -cp}
 * @param classpath the {@code -cp} value (a {@code dir/*} entry is expanded by the java launcher)
 * @param mainClass the class whose {@code main} takes {@code --project DIR}
 * @param aotCache  the daemon's ahead-of-time cache (its flags are in {@code jvmFlags} when it is fresh); empty for
 *                  test daemons
 */
public record DaemonJvm(Path java, List<String> jvmFlags, String classpath, String mainClass,
                            Optional<DaemonAotCache> aotCache) {

    /**
     * A small footprint for a process that mostly waits: a 48 MiB heap and 64 MiB metaspace are plenty for the
     * event loop and a few threads (each with a 512 KiB stack). The heap may grow to 512 MiB for one thing only:
     * parsing a large manifest (tomlj keeps ~300 bytes of parse tree per byte of a string, so a manifest at the 1 MB
     * limit can take 400 MB, HD-1); the daemon gives that back with a full collection right after the load, and
     * {@code -XX:-ShrinkHeapInSteps} lets that one collection shrink the heap to its start size; a 2 MiB young generation, because the serial
     * collector cycles through all of it and so keeps every page of it resident (the default 16 MiB cost 12 MB of RSS
     * with 50 services, bench/run), while the garbage of a log flood dies young in any size; the serial collector has
     * the least overhead for a small heap; C1 only (tiered level 1) with one compiler thread saves the C2 compiler's
     * memory and threads, and the daemon's hot paths are not compute bound; the C library's malloc arenas are trimmed
     * every second (start-up, the compiler and FFM calls free megabytes that glibc would otherwise keep resident); no
     * perf-data file; an out-of-memory error ends the daemon (its successor recovers, CS-8) instead of leaving it
     * half-alive; native access is allowed because the daemon calls kill/pidfd/prctl through FFM and junixsocket
     * loads its JNI library.
     */
    public static final List<String> JVM_FLAGS = List.of("-Xms48m", "-Xmx512m",
            "-XX:-ShrinkHeapInSteps", "-Xmn2m", "-Xss512k", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:MaxMetaspaceSize=64m",
            "-XX:TrimNativeHeapInterval=1000", "-XX:-UsePerfData", "-XX:+ExitOnOutOfMemoryError",
            "--enable-native-access=ALL-UNNAMED");

    public static final String MAIN_CLASS = "dev.envy.daemon.DaemonMain";

    public DaemonJvm {
        jvmFlags = List.copyOf(jvmFlags);
    }

    /** A daemon without an ahead-of-time cache. */
    public DaemonJvm(Path java, List<String> jvmFlags, String classpath, String mainClass) {
        this(java, jvmFlags, classpath, mainClass, Optional.empty());
    }

    /**
     * The daemon as built in the repository at {@code envyHome} (what {@code bin/envy} passes as envy.home), with the
     * ahead-of-time cache of the build's cache directory that bin/envy passes as {@code envy.aot.dir}, if any.
     */
    public static DaemonJvm fromEnvyHome(Path envyHome) {
        String dir = System.getProperty(DaemonAotCache.DIRECTORY_PROPERTY);
        return fromEnvyHome(envyHome, dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir)));
    }

    /** The daemon as built at {@code envyHome}, its ahead-of-time cache kept in {@code aotDir} if there is one. */
    public static DaemonJvm fromEnvyHome(Path envyHome, Optional<Path> aotDir) {
        Path target = envyHome.resolve("daemon").resolve("target");
        Path jar = target.resolve("envy-daemon-0.1.0.jar");
        String classpath = jar + File.pathSeparator + target.resolve("lib") + File.separator + "*";
        Optional<DaemonAotCache> cache = DaemonAotCache.in(aotDir);
        List<String> flags = new ArrayList<>(JVM_FLAGS);
        cache.filter(DaemonAotCache::fresh).ifPresent(c -> flags.addAll(c.jvmFlags()));
        return new DaemonJvm(currentJava(), flags, classpath, MAIN_CLASS, cache);
    }

    /** {@link #fromEnvyHome} with the system property {@code envy.home}. */
    public static DaemonJvm fromSystemProperty() throws DaemonException {
        String home = System.getProperty("envy.home");
        if (home == null || home.isBlank()) {
            throw new DaemonException("cannot start the daemon: the system property envy.home is not set",
                    "run envy through bin/envy");
        }
        return fromEnvyHome(Path.of(home));
    }

    /** The java executable of this JVM, so the daemon runs on the same JDK as the CLI. */
    public static Path currentJava() {
        return ProcessHandle.current().info().command().map(Path::of).filter(Files::isExecutable)
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    /** The full command line: {@code setsid java FLAGS -cp CP MAIN --project DIR}, a new session (BG-2). */
    public List<String> commandLine(Path projectDir) {
        List<String> cmd = new ArrayList<>();
        cmd.add("setsid");
        cmd.add(java.toString());
        cmd.addAll(jvmFlags);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(mainClass);
        cmd.add("--project");
        cmd.add(projectDir.toString());
        return cmd;
    }

    /** A copy with more JVM flags (tests pass system properties to a fake daemon this way). */
    public DaemonJvm withExtraFlags(List<String> extra) {
        List<String> all = new ArrayList<>(jvmFlags);
        all.addAll(extra);
        return new DaemonJvm(java, all, classpath, mainClass, aotCache);
    }
}

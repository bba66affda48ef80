package dev.envy.daemon.process;

/**
 * Every {@link ServiceProcessesTest} on the fallback path, for systems without posix_spawn's closefrom or pidfds:
 * {@code setsid bash -c} started and reaped by the JDK.
 */
class JdkSpawnTest extends ServiceProcessesTest {
    @Override
    boolean nativeSpawn() {
        return false;
    }
}

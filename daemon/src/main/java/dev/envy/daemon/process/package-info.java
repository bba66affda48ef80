/**
 * Real service processes: {@link dev.envy.daemon.process.ServiceProcesses} spawns {@code setsid bash -c COMMAND}
 * with an exact environment and one merged output pipe pumped into the service's log, signals and kills process
 * trees, reaps reparented orphans, and reports each exit only once everything of the service is gone and on disk.
 */
package dev.envy.daemon.process;

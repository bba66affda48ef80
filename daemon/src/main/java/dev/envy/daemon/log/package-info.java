/**
 * Log files: {@link dev.envy.daemon.log.LogStore} (one {@link dev.envy.daemon.log.ServiceLog} per service, format of
 * {@code dev.envy.core.log.LogFormat}, size rotation, bounded memory, periodic flush) and
 * {@link dev.envy.daemon.log.DaemonLog} (the daemon's own {@code time LEVEL message} log).
 */
package dev.envy.daemon.log;

/**
 * Readiness probes (command, http, tcp, log) on one shared scheduler; {@link dev.envy.daemon.probe.LineTap} keeps
 * the lines printed before a log probe is attached.
 */
package dev.envy.daemon.probe;

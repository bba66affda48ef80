/** Watching activation processes exit: pidfds polled by one thread, {@code /proc} polling as the fallback. */
package dev.envy.daemon.activation;

package dev.envy.cli.attach;

import java.util.List;

/**
 * What a service's whole process tree uses, measured from {@code /proc}.
 *
 * @param cpuPercent CPU time over the last interval, in percent of one core (may exceed 100 on several cores)
 * @param rssBytes   resident memory of every process of the tree
 * @param ports      the TCP ports the tree listens on, ascending
 */
public record Usage(double cpuPercent, long rssBytes, List<Integer> ports) {
    public Usage {
        ports = List.copyOf(ports);
    }
}

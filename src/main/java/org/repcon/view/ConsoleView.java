package org.repcon.view;

import java.util.List;
import java.util.Optional;

/**
 * Everything the console shows for one refresh, already turned into text and health roles: the
 * screen code only lays it out. Built from the topology, the latest probe
 * snapshot with its history, and the findings.
 *
 * @param refreshedAt wall-clock time (ms) of the snapshot shown; 0 before the first one
 */
public record ConsoleView(String topologyName, long refreshedAt, int ok, int warn, int crit, List<HostPane> hosts,
                          List<FindingRow> findings, List<Hop> hops, List<Details> details) {

    public ConsoleView {
        hosts = List.copyOf(hosts);
        findings = List.copyOf(findings);
        hops = List.copyOf(hops);
        details = List.copyOf(details);
    }

    public Optional<Details> details(String key) {
        return details.stream().filter(d -> d.key().equals(key)).findFirst();
    }
}

package org.repcon.view;

import java.util.List;

/**
 * One line of a host pane: an instance or a tunnel.
 *
 * @param key stable identity for selection across refreshes ("replica1/bayes", "replica1/tunnel/bayes")
 * @param memoryFraction used/max memory in 0..1 for the bar, or -1 when unknown
 * @param findings how many findings concern this row, and the worst severity among them
 */
public record Row(String key, Kind kind, Cell name, Cell role, Cell link, Cell masterOffset, Cell replicaOffset,
                  Cell lagBytes, Cell lagSeconds, Cell sync, Cell memory, double memoryFraction, int findings,
                  Health health) {

    public enum Kind { INSTANCE, TUNNEL }

    /** Column titles, in the order of {@link #cells()}. */
    public static final List<String> HEADERS = List.of("NAME", "ROLE", "LINK", "MASTER OFS", "REPLICA OFS", "LAG B",
            "LAG S", "SYNC", "MEMORY");

    public List<Cell> cells() {
        return List.of(name, role, link, masterOffset, replicaOffset, lagBytes, lagSeconds, sync, memory);
    }
}

package org.repcon.view;

import java.util.List;

/**
 * One line of a host pane: an instance or a tunnel.
 *
 * @param key stable identity for selection across refreshes ("replica1/bayes", "replica1/tunnel/bayes")
 * @param memoryFraction used/max memory in 0..1 for the bar, or -1 when unknown
 * @param findings how many findings concern this row, and the worst severity among them
 * @param lagSeconds a replica's true delay by the heartbeat
 * @param learns Rspamd's counters (Bayes learns spam/ham, fuzzy hashes); a replica's beside its master's when they differ
 */
public record Row(String key, Kind kind, Cell name, Cell role, Cell link, Cell masterOffset, Cell replicaOffset,
                  Cell lagBytes, Cell lastIo, Cell sync, Cell memory, double memoryFraction, int findings,
                  Health health, Cell lagSeconds, Cell learns) {

    /** A row without the heartbeat's and Rspamd's cells. */
    public Row(String key, Kind kind, Cell name, Cell role, Cell link, Cell masterOffset, Cell replicaOffset, Cell lagBytes,
               Cell lastIo, Cell sync, Cell memory, double memoryFraction, int findings, Health health) {
        this(key, kind, name, role, link, masterOffset, replicaOffset, lagBytes, lastIo, sync, memory, memoryFraction, findings,
                health, Cell.EMPTY, Cell.EMPTY);
    }

    public enum Kind { INSTANCE, TUNNEL }

    /** Column titles, in the order of {@link #cells()}. */
    public static final List<String> HEADERS = List.of("NAME", "ROLE", "LINK", "MASTER OFS", "REPLICA OFS", "LAG B",
            "LAG S", "LAST IO", "SYNC", "LEARNS", "MEMORY");

    /** What each column measures, in the order of {@link #HEADERS}: the legend of the help overlay. */
    public static final List<String> MEANINGS = List.of(
            "the instance, or the tunnel end (relays are named 'relay, NO TLS')",
            "replica or master as INFO says; for a tunnel, server or client end and its accept port",
            "a replica's link to its master (up, or down and for how long); a master's connected replicas",
            "the master's replication offset (master_repl_offset)",
            "this replica's replication offset",
            "bytes the replica is behind its master (master offset minus replica offset)",
            "true delay of the replica's data, by repcon's heartbeat (topology 'heartbeat: true'; none under --read-only)",
            "seconds since the last message from the master (master_last_io_seconds_ago): counts up to the"
                    + " master's ping period (10 s) on a healthy idle replica; not a replication delay",
            "a full sync in progress and its percentage",
            "Rspamd's learns spam/ham (hash RS and each per-user hash) or fuzzy hashes; a replica's 'own (m master's)'"
                    + " when they differ",
            "used memory / maxmemory");

    public List<Cell> cells() {
        return List.of(name, role, link, masterOffset, replicaOffset, lagBytes, lagSeconds, lastIo, sync, learns, memory);
    }
}

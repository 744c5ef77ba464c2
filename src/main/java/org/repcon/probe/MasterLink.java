package org.repcon.probe;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A replica's view of its link to its master, from INFO's replication section.
 *
 * @param lastIoSecondsAgo {@code master_last_io_seconds_ago}; empty when Redis says -1 (no master client)
 * @param linkDownSinceSeconds present only while the link is down; -1 means never connected (6.2.2+)
 * @param syncTotalBytes size of a running full sync's payload; empty when unknown (diskless sync says 0 or -1)
 * @param syncReadBytes bytes of a running full sync read so far
 * @param syncAttempts what Redis 8.x says of its attempts to sync ({@code master_current_sync_attempts},
 *                     {@code master_total_sync_attempts}, {@code master_link_up_since_seconds}); empty on older servers
 */
public record MasterLink(String host, OptionalInt port, boolean up, OptionalLong lastIoSecondsAgo, boolean syncInProgress,
                         OptionalLong linkDownSinceSeconds, OptionalLong syncTotalBytes, OptionalLong syncReadBytes,
                         Optional<Boolean> readOnly, SyncAttempts syncAttempts) {

    /**
     * Redis 8.x's replica-side counters of the link (redis/redis#13990): attempts in the current sync (reset once the
     * link is up), attempts since the master was set, and how long the link has been up. Absent on Redis 8.0-M01,
     * 7.x and Valkey 8.0, whose INFO has none of them.
     */
    public record SyncAttempts(OptionalLong current, OptionalLong total, OptionalLong linkUpSinceSeconds) {

        public static final SyncAttempts NONE = new SyncAttempts(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());

        public boolean known() {
            return current.isPresent() || total.isPresent() || linkUpSinceSeconds.isPresent();
        }
    }

    /** The master as the replica names it, e.g. "localhost:6478": compared with the topology's tunnel end. */
    public String endpoint() {
        return host + ":" + (port.isPresent() ? String.valueOf(port.getAsInt()) : "?");
    }
}

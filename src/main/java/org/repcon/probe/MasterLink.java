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
 */
public record MasterLink(String host, OptionalInt port, boolean up, OptionalLong lastIoSecondsAgo, boolean syncInProgress,
                         OptionalLong linkDownSinceSeconds, OptionalLong syncTotalBytes, OptionalLong syncReadBytes,
                         Optional<Boolean> readOnly) {

    /** The master as the replica names it, e.g. "localhost:6478": compared with the topology's tunnel end. */
    public String endpoint() {
        return host + ":" + (port.isPresent() ? String.valueOf(port.getAsInt()) : "?");
    }
}

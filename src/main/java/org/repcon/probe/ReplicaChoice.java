package org.repcon.probe;

import java.util.Comparator;
import java.util.OptionalLong;

/**
 * Which replica holds the most up-to-date copy of a master's data, ranked as Sentinel ranks replicas to promote:
 * link up first, then the highest replication offset, then the shortest time cut off, then the most keys. The
 * dataset guard and restore choose their source by it, and diagnosis names it in its suggested restore.
 */
public final class ReplicaChoice {

    /** Best first, over the replicas' INFO replies. */
    public static final Comparator<Info> ORDER = Comparator.comparing((Info i) -> !linkUp(i))
            .thenComparing((Info i) -> i.replOffset().orElse(-1), Comparator.reverseOrder())
            .thenComparing(ReplicaChoice::downSeconds)
            .thenComparing((Info i) -> Keyspace.of(i).total(), Comparator.reverseOrder());

    private ReplicaChoice() {}

    public static boolean linkUp(Info i) {
        return i.masterLink().map(MasterLink::up).orElse(false);
    }

    /** Seconds since the replica's link went down; 0 while up, MAX_VALUE when unknown. */
    public static long downSeconds(Info i) {
        if (linkUp(i)) return 0;
        OptionalLong s = i.masterLink().map(MasterLink::linkDownSinceSeconds).orElse(OptionalLong.empty());
        return s.isPresent() && s.getAsLong() >= 0 ? s.getAsLong() : Long.MAX_VALUE;
    }
}

package org.repcon.monitor;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.repcon.diagnosis.LearnActivity;
import org.repcon.probe.InstanceSample;
import org.repcon.probe.RspamdCounts;
import org.repcon.probe.Snapshot;
import org.repcon.topology.Instance;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.Kind;
import org.repcon.topology.Topology;

/**
 * When Rspamd's counters last moved on each master of a bayes or fuzzy instance: three numbers per master, kept for
 * the monitor's whole run, since a stop of learning shows only over hours.
 */
final class LearnClock {

    private final Topology topology;
    private final Map<InstanceRef, LearnActivity> activity = new HashMap<>();

    LearnClock(Topology topology) {
        this.topology = topology;
    }

    /** Clocks an earlier run kept ({@code check}, a new process each time): the readings that follow go on from them. */
    void restore(Map<InstanceRef, LearnActivity> kept) {
        activity.putAll(kept);
    }

    /** Each watched master's clock as it stands. */
    Map<InstanceRef, LearnActivity> now() {
        return new LinkedHashMap<>(activity);
    }

    Map<InstanceRef, LearnActivity> at(Snapshot snapshot) {
        for (Instance m : topology.instances().filter(this::learnsHere).toList()) {
            OptionalLong total = snapshot.instance(m.ref()).filter(InstanceSample::ok).map(InstanceSample::rspamd)
                    .filter(LearnClock::settled).map(RspamdCounts::total).orElse(OptionalLong.empty());
            if (total.isEmpty()) continue; // not read this refresh: what was known stands
            LearnActivity last = activity.get(m.ref());
            long now = snapshot.timeMs();
            if (last == null) {
                activity.put(m.ref(), new LearnActivity(total.getAsLong(), now, false));
            } else if (last.total() != total.getAsLong()) {
                activity.put(m.ref(), new LearnActivity(total.getAsLong(), now, true));
            }
        }
        return now();
    }

    /**
     * Counts that mean the same from one refresh to the next: not while the per-user hashes are still to be read or
     * were summed over an old list (their sum joining the total is no learn).
     */
    private static boolean settled(RspamdCounts counts) {
        RspamdCounts.PerUser p = counts.perUser();
        return p == null || (p.sum() != RspamdCounts.PerUser.Sum.UNREAD && p.sum() != RspamdCounts.PerUser.Sum.STALE);
    }

    /** A master Rspamd learns into: a bayes or fuzzy instance that replicas copy. */
    private boolean learnsHere(Instance i) {
        return (i.kind() == Kind.BAYES || i.kind() == Kind.FUZZY) && !topology.replicasOf(i).isEmpty();
    }
}

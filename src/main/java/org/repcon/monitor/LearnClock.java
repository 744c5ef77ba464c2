package org.repcon.monitor;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.repcon.diagnosis.LearnActivity;
import org.repcon.probe.InstanceSample;
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

    Map<InstanceRef, LearnActivity> at(Snapshot snapshot) {
        for (Instance m : topology.instances().filter(this::learnsHere).toList()) {
            OptionalLong total = snapshot.instance(m.ref()).filter(InstanceSample::ok).map(s -> s.rspamd().total())
                    .orElse(OptionalLong.empty());
            if (total.isEmpty()) continue; // not read this refresh: what was known stands
            LearnActivity last = activity.get(m.ref());
            long now = snapshot.timeMs();
            if (last == null) {
                activity.put(m.ref(), new LearnActivity(total.getAsLong(), now, false));
            } else if (last.total() != total.getAsLong()) {
                activity.put(m.ref(), new LearnActivity(total.getAsLong(), now, true));
            }
        }
        return new LinkedHashMap<>(activity);
    }

    /** A master Rspamd learns into: a bayes or fuzzy instance that replicas copy. */
    private boolean learnsHere(Instance i) {
        return (i.kind() == Kind.BAYES || i.kind() == Kind.FUZZY) && !topology.replicasOf(i).isEmpty();
    }
}

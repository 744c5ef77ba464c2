package org.repcon.diagnosis;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.repcon.probe.InstanceHistory;
import org.repcon.probe.Snapshot;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.Topology;

/**
 * Everything diagnosis looks at, gathered beforehand so that the rules stay pure: the topology,
 * the latest snapshot (whose time is "now"), each instance's history, and recent log lines of the
 * instances whose state asks for an explanation.
 */
public record DiagnosisInput(Topology topology, Snapshot snapshot, Function<InstanceRef, InstanceHistory> history,
                             Map<InstanceRef, List<String>> logs, Thresholds thresholds) {

    public DiagnosisInput {
        logs = Map.copyOf(logs);
    }

    public List<String> log(InstanceRef instance) {
        return logs.getOrDefault(instance, List.of());
    }
}

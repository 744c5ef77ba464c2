package org.repcon.diagnosis;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.repcon.probe.InstanceHistory;
import org.repcon.probe.RspamdRouting;
import org.repcon.probe.Snapshot;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.Topology;

/**
 * Everything diagnosis looks at, gathered beforehand so that the rules stay pure: the topology,
 * the latest snapshot (whose time is "now"), each instance's history, and recent log lines of the
 * instances, and of the hosts' stunnels, whose state asks for an explanation.
 *
 * @param stunnelLogs by host name: the recent lines of its stunnel log file, where a tunnel of its fails
 * @param routing by host name: how Rspamd's files on it route Bayes and fuzzy, where they were read
 * @param configs by instance: its running configuration, its file and the topology compared, where they were read
 * @param learning by master: when Rspamd's counters on it last moved, as watched
 * @param logZone the zone the logs' time stamps are written in (Redis writes local time), to tell recent lines
 */
public record DiagnosisInput(Topology topology, Snapshot snapshot, Function<InstanceRef, InstanceHistory> history,
                             Map<InstanceRef, List<String>> logs, Map<String, List<String>> stunnelLogs,
                             Map<String, RspamdRouting> routing, Map<InstanceRef, ConfigDrifts> configs,
                             Map<InstanceRef, LearnActivity> learning, Thresholds thresholds, ZoneId logZone) {

    public DiagnosisInput {
        logs = Map.copyOf(logs);
        stunnelLogs = Map.copyOf(stunnelLogs);
        routing = Map.copyOf(routing);
        configs = Map.copyOf(configs);
        learning = Map.copyOf(learning);
    }

    /**
     * Logs stamped in this machine's zone: a host in another zone has its lines read as older or newer than they are,
     * so they do not count as recent (a finding missed on the first run, never an old line taken for news).
     */
    public DiagnosisInput(Topology topology, Snapshot snapshot, Function<InstanceRef, InstanceHistory> history,
                          Map<InstanceRef, List<String>> logs, Map<String, List<String>> stunnelLogs,
                          Map<String, RspamdRouting> routing, Map<InstanceRef, ConfigDrifts> configs, Map<InstanceRef, LearnActivity> learning,
                          Thresholds thresholds) {
        this(topology, snapshot, history, logs, stunnelLogs, routing, configs, learning, thresholds, ZoneId.systemDefault());
    }

    /** Without stunnel logs (recorded samples, where no tunnel's log is at hand). */
    public DiagnosisInput(Topology topology, Snapshot snapshot, Function<InstanceRef, InstanceHistory> history,
                          Map<InstanceRef, List<String>> logs, Thresholds thresholds) {
        this(topology, snapshot, history, logs, Map.of(), Map.of(), Map.of(), Map.of(), thresholds);
    }

    public List<String> log(InstanceRef instance) {
        return logs.getOrDefault(instance, List.of());
    }

    public List<String> stunnelLog(String host) {
        return stunnelLogs.getOrDefault(host, List.of());
    }
}

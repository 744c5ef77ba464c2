package org.repcon.testing;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.repcon.diagnosis.Diagnosis;
import org.repcon.diagnosis.DiagnosisInput;
import org.repcon.probe.RspamdRouting;
import org.repcon.diagnosis.Finding;
import org.repcon.diagnosis.Thresholds;
import org.repcon.probe.Freshness;
import org.repcon.probe.History;
import org.repcon.probe.Info;
import org.repcon.probe.InstanceSample;
import org.repcon.probe.RspamdCounts;
import org.repcon.probe.Snapshot;
import org.repcon.probe.TunnelSample;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.TunnelRef;
import org.repcon.topology.Topology;
import org.repcon.view.ConsoleView;
import org.repcon.view.ViewBuilder;

/**
 * A deployment's state made from recorded samples, no Redis: the samples of the current refresh
 * (instances by {@code host/name}, tunnels by {@code host/tunnel/name}), the log lines diagnosis would
 * have read, and a {@link History} of earlier refreshes ({@link #refresh} moves on by one). Then
 * {@link #findings} and {@link #view} run the real pure code on it.
 */
public final class Recorded {

    private final Topology topology;
    private final History history;
    private final Map<InstanceRef, InstanceSample> instances = new LinkedHashMap<>();
    private final Map<TunnelRef, TunnelSample> tunnels = new LinkedHashMap<>();
    private final Map<InstanceRef, List<String>> logs = new HashMap<>();
    private final Map<String, List<String>> stunnelLogs = new HashMap<>();
    private final Map<String, RspamdRouting> routing = new HashMap<>();
    private final Map<InstanceRef, org.repcon.diagnosis.ConfigDrifts> configs = new HashMap<>();
    private final Map<InstanceRef, org.repcon.diagnosis.LearnActivity> learning = new HashMap<>();
    private long now = 1_000_000;

    public Recorded(Topology topology) {
        this.topology = topology;
        this.history = new History(topology);
    }

    public Topology topology() {
        return topology;
    }

    /** The instance answered INFO with {@code info}. */
    public Recorded instance(String ref, Info info) {
        InstanceRef r = instanceRef(ref);
        instances.put(r, InstanceSample.ok(r, now, info, 150));
        return this;
    }

    public Recorded instance(String ref, InfoText info) {
        return instance(ref, info.info());
    }

    /** The instance's probe ended in {@code status} ("connection refused", ...). */
    public Recorded instanceFailed(String ref, InstanceSample.Status status, String message) {
        InstanceRef r = instanceRef(ref);
        instances.put(r, InstanceSample.failed(r, now, status, message));
        return this;
    }

    /** A tunnel end as probed; a server end sends no PING. */
    public Recorded tunnel(String ref, TunnelSample.Connect connect, TunnelSample.Ping ping) {
        TunnelRef r = tunnelRef(ref);
        boolean server = topology.tunnel(r).orElseThrow().isServer();
        String message = connect == TunnelSample.Connect.REFUSED ? "connection refused" : "";
        TunnelSample.Ping sent = server ? TunnelSample.Ping.NOT_SENT : ping;
        boolean answered = sent == TunnelSample.Ping.PONG || sent == TunnelSample.Ping.ERROR_REPLY;
        tunnels.put(r, new TunnelSample(r, server, now, connect, sent, 300, message, Freshness.FRESH, answered ? 420 : 0));
        return this;
    }

    /** Every tunnel end accepts, and every client end carries a PING to Redis and back. */
    public Recorded tunnelsFine() {
        topology.tunnels().forEach(t -> tunnel(t.ref().toString(), TunnelSample.Connect.OK, TunnelSample.Ping.PONG));
        return this;
    }

    /**
     * What the instance's probe read besides INFO, in the same round trip: Rspamd's counters and the heartbeat (ms, or
     * empty); the instance must have answered.
     */
    public Recorded keys(String ref, RspamdCounts rspamd, java.util.OptionalLong heartbeatMs) {
        InstanceRef r = instanceRef(ref);
        InstanceSample s = instances.get(r);
        instances.put(r, InstanceSample.ok(r, s.timeMs(), s.info().orElseThrow(), s.rttMicros(), rspamd, heartbeatMs));
        return this;
    }

    /** The time of the current refresh (ms), as the samples carry it. */
    public long now() {
        return now;
    }

    /** The log lines diagnosis reads for this instance. */
    /** Rspamd's routing files on a host: their text by path under its Rspamd directory, /etc/rspamd. */
    public Recorded rspamdFiles(String host, Map<String, String> files) {
        routing.put(host, RspamdRouting.read(p -> Optional.ofNullable(files.get(p.substring("/etc/rspamd/".length()))), "/etc/rspamd"));
        return this;
    }

    /** How an instance's running configuration, its file and the topology compare, as the monitor read them. */
    public Recorded config(String ref, org.repcon.diagnosis.ConfigDrifts drifts) {
        configs.put(instanceRef(ref), drifts);
        return this;
    }

    /** When Rspamd's counters on a master last moved, as the monitor watched them. */
    public Recorded learning(String ref, org.repcon.diagnosis.LearnActivity activity) {
        learning.put(instanceRef(ref), activity);
        return this;
    }

    /** The recent lines of a host's stunnel log. */
    public Recorded stunnelLog(String host, List<String> lines) {
        stunnelLogs.put(host, List.copyOf(lines));
        return this;
    }

    public Recorded log(String ref, List<String> lines) {
        logs.put(instanceRef(ref), List.copyOf(lines));
        return this;
    }

    /** Records this refresh into the history and starts the next, {@code after} later, with the same samples (renewed). */
    public Recorded refresh(Duration after) {
        history.record(snapshot());
        now += after.toMillis();
        instances.replaceAll((r, s) -> s.at(now));
        tunnels.replaceAll((r, s) -> new TunnelSample(r, s.server(), now, s.connect(), s.ping(), s.connectMicros(), s.message(),
                s.freshness(), s.pingMicros()));
        return this;
    }

    public Snapshot snapshot() {
        return new Snapshot(now, instances, tunnels, Duration.ofMillis(5));
    }

    public List<Finding> findings() {
        return findings(Thresholds.defaults());
    }

    public List<Finding> findings(Thresholds thresholds) {
        Snapshot snapshot = snapshot();
        history.record(snapshot);
        return Diagnosis.run(new DiagnosisInput(topology, snapshot, history::view, logs, stunnelLogs, routing, configs, learning, thresholds));
    }

    /** The view of this refresh, with the findings diagnosis gives it under {@code thresholds}. */
    public ConsoleView view(Thresholds thresholds) {
        return view(thresholds, org.repcon.topology.TunnelKind.STUNNEL);
    }

    public ConsoleView view(Thresholds thresholds, org.repcon.topology.TunnelKind tunnels) {
        return ViewBuilder.build(topology, snapshot(), history::view, findings(thresholds), thresholds, tunnels);
    }

    private InstanceRef instanceRef(String ref) {
        InstanceRef r = InstanceRef.parse(ref).orElseThrow(() -> new IllegalArgumentException("not HOST/NAME: " + ref));
        topology.instance(r).orElseThrow(() -> new IllegalArgumentException("no instance " + ref + " in the topology"));
        return r;
    }

    private TunnelRef tunnelRef(String ref) {
        TunnelRef r = TunnelRef.parse(ref).orElseThrow(() -> new IllegalArgumentException("not HOST/tunnel/NAME: " + ref));
        topology.tunnel(r).orElseThrow(() -> new IllegalArgumentException("no tunnel " + ref + " in the topology"));
        return r;
    }
}

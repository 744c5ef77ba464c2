package org.repcon.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.repcon.diagnosis.Finding;
import org.repcon.diagnosis.Severity;
import org.repcon.diagnosis.Thresholds;
import org.repcon.probe.Heartbeat;
import org.repcon.probe.Info;
import org.repcon.probe.InstanceHistory;
import org.repcon.probe.InstanceSample;
import org.repcon.probe.MasterLink;
import org.repcon.probe.Role;
import org.repcon.probe.RspamdCounts;
import org.repcon.probe.Snapshot;
import org.repcon.probe.TunnelSample;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.InstanceRef;
import org.repcon.topology.Kind;
import org.repcon.topology.Topology;
import org.repcon.topology.Tunnel;
import org.repcon.topology.TunnelKind;
import org.repcon.util.Format;

/**
 * Turns the topology, a snapshot with its history, and the findings into what the console and
 * {@code status} show: pure, so the screen code never reasons about Redis.
 *
 * <p>Health is judged once, by diagnosis: a row's colour is the worst of its findings' severities and
 * its sample's status (answered or not); cells that show a measure (lag, memory) are coloured by the
 * same {@link Thresholds} the rules use, so a row never disagrees with its findings.
 */
public final class ViewBuilder {

    private ViewBuilder() {}

    public static ConsoleView build(Topology topology, Snapshot snapshot, Function<InstanceRef, InstanceHistory> history,
                                    List<Finding> findings, Thresholds thresholds) {
        return build(topology, snapshot, history, findings, thresholds, TunnelKind.STUNNEL);
    }

    /** @param tunnels what carries the tunnels (a lab's plain relays are shown as "relay, NO TLS") */
    public static ConsoleView build(Topology topology, Snapshot snapshot, Function<InstanceRef, InstanceHistory> history,
                                    List<Finding> findings, Thresholds thresholds, TunnelKind tunnels) {
        Map<String, Health> worstByRow = new LinkedHashMap<>();
        Map<String, Integer> countByRow = new LinkedHashMap<>();
        for (Finding f : findings) {
            String key = f.subject().key();
            worstByRow.merge(key, health(f.severity()), Health::worst);
            countByRow.merge(key, 1, Integer::sum);
        }
        List<HostPane> panes = new ArrayList<>();
        int ok = 0, warn = 0, crit = 0;
        for (Host host : topology.hosts()) {
            List<Row> rows = new ArrayList<>();
            for (Instance i : host.instances()) rows.add(instanceRow(topology, snapshot, i, worstByRow, countByRow, thresholds));
            for (Tunnel t : host.tunnels()) rows.add(tunnelRow(snapshot, t, worstByRow, countByRow, tunnels));
            Health hostHealth = worstByRow.getOrDefault(host.name(), Health.OK);
            for (Row r : rows) {
                hostHealth = hostHealth.worst(r.health());
                switch (r.health()) {
                    case CRIT -> crit++;
                    case WARN -> warn++;
                    case OK -> ok++;
                    default -> { }
                }
            }
            String subtitle = host.address().orElse("local") + " · " + (host.access().isLocal() ? "local" : "ssh")
                    + " · " + host.platform().yamlName();
            panes.add(new HostPane(host.name(), subtitle, hostHealth, rows));
        }
        List<FindingRow> findingRows = findings.stream().map(ViewBuilder::findingRow).toList();
        List<Details> details = new ArrayList<>(topology.instances().map(i -> details(topology, snapshot, history.apply(i.ref()), i))
                .flatMap(Optional::stream).toList());
        topology.hosts().forEach(h -> h.tunnels().forEach(t -> details.add(tunnelDetails(topology, h, t, tunnels))));
        return new ConsoleView(topology.name(), snapshot.timeMs(), ok, warn, crit, panes, findingRows,
                hops(topology, snapshot, worstByRow, tunnels), details);
    }

    public static Health health(Severity s) {
        return switch (s) {
            case CRITICAL -> Health.CRIT;
            case WARNING -> Health.WARN;
            case INFO -> Health.MUTED; // shown, labelled INFO, never colours a row
        };
    }

    private static Row instanceRow(Topology topology, Snapshot snapshot, Instance i, Map<String, Health> worst,
                                   Map<String, Integer> counts, Thresholds thresholds) {
        String key = i.ref().toString();
        Health findingHealth = findingHealth(worst, key);
        Optional<InstanceSample> sample = snapshot.instance(i.ref());
        Cell name = new Cell(i.name(), Health.OK);
        if (sample.isEmpty() || sample.get().info().isEmpty() || !sample.get().ok()) {
            String what = sample.map(s -> s.status().name().toLowerCase().replace('_', ' ')).orElse("waiting");
            Health h = sample.isEmpty() ? Health.UNKNOWN : findingHealth.worst(Health.CRIT);
            return new Row(key, Row.Kind.INSTANCE, name, new Cell(what, h), Cell.EMPTY, Cell.EMPTY, Cell.EMPTY, Cell.EMPTY,
                    Cell.EMPTY, Cell.EMPTY, Cell.EMPTY, -1, counts.getOrDefault(key, 0), h);
        }
        Info info = sample.get().info().get();
        boolean roleAsExpected = i.isReplica() ? info.role() == Role.REPLICA : info.role() == Role.MASTER;
        Cell role = new Cell(info.role() == Role.REPLICA ? "replica" : info.role() == Role.MASTER ? "master" : "?",
                roleAsExpected ? Health.OK : Health.CRIT);
        Optional<Info> masterInfo = topology.masterOf(i).flatMap(m -> snapshot.instance(m.ref())).filter(InstanceSample::ok)
                .flatMap(InstanceSample::info);
        Cell link = Cell.muted("-");
        Cell masterOffset = Cell.EMPTY, replicaOffset = Cell.EMPTY, lagBytes = Cell.EMPTY, lastIo = Cell.EMPTY, sync = Cell.EMPTY;
        Optional<MasterLink> ml = info.masterLink();
        if (ml.isPresent()) {
            MasterLink l = ml.get();
            link = l.up() ? new Cell("up", Health.OK) : new Cell("down" + l.linkDownSinceSeconds().stream()
                    .filter(v -> v >= 0).mapToObj(v -> " " + Format.duration(v)).findFirst().orElse(""), Health.CRIT);
            masterOffset = masterInfo.flatMap(m -> opt(m.longValue("master_repl_offset"))).map(v -> Cell.of(Format.count(v))).orElse(Cell.EMPTY);
            replicaOffset = opt(info.replOffset()).map(v -> Cell.of(Format.count(v))).orElse(Cell.EMPTY);
            lagBytes = masterInfo.flatMap(m -> opt(info.bytesBehind(m))).map(v -> Cell.of(Format.bytes(v))).orElse(Cell.muted("?"));
            lastIo = opt(l.lastIoSecondsAgo()).map(v -> new Cell(Format.duration(v), v > thresholds.lagWarnSeconds() ? Health.WARN : Health.OK))
                    .orElse(Cell.muted("-"));
            if (l.syncInProgress()) {
                String perc = info.string("master_sync_perc").map(p -> p.replaceAll("\\..*", "") + "%").orElse("...");
                sync = new Cell(perc, Health.WARN);
            }
        } else if (info.role() == Role.MASTER) {
            int expected = topology.replicasOf(i).size();
            long connected = info.connectedReplicas().orElse(0);
            if (expected > 0 || connected > 0) {
                link = new Cell(connected + "/" + expected + " replicas", connected < expected ? Health.WARN : Health.OK);
            }
            masterOffset = opt(info.longValue("master_repl_offset")).map(v -> Cell.of(Format.count(v))).orElse(Cell.EMPTY);
        }
        OptionalLong used = info.longValue("used_memory");
        OptionalLong max = info.longValue("maxmemory");
        double fraction = used.isPresent() && max.isPresent() && max.getAsLong() > 0
                ? Math.min(1.0, (double) used.getAsLong() / max.getAsLong()) : -1;
        Cell memory = used.isPresent() ? new Cell(Format.bytes(used.getAsLong()) + "/" + (max.orElse(0) > 0
                ? Format.bytes(max.getAsLong()) : "-"), fraction >= thresholds.memoryNearFraction() ? Health.WARN : Health.OK) : Cell.EMPTY;
        // The role and link cells show facts; whether they are trouble, and how bad, the findings say
        // (a down link explained by a tunnel's finding is that tunnel's row's trouble).
        Health rowHealth = findingHealth;
        if (i.kind() == Kind.CACHE && info.role() == Role.MASTER) link = Cell.muted("local");
        Optional<InstanceSample> masterSample = topology.masterOf(i).flatMap(m -> snapshot.instance(m.ref()));
        Cell lagSeconds = heartbeatLag(masterSample, sample.get(), thresholds);
        Cell learns = learns(sample.get(), masterSample, masterInfo.flatMap(m -> opt(info.bytesBehind(m))));
        return new Row(key, Row.Kind.INSTANCE, name, role, link, masterOffset, replicaOffset, lagBytes, lastIo, sync,
                memory, fraction, counts.getOrDefault(key, 0), rowHealth, lagSeconds, learns);
    }

    /** The true delay by the heartbeat ("0.0", "5.2"); empty where there is none (a master, the heartbeat off). */
    private static Cell heartbeatLag(Optional<InstanceSample> master, InstanceSample replica, Thresholds thresholds) {
        OptionalLong lag = Heartbeat.lagMillis(master, replica);
        if (lag.isEmpty()) return Cell.EMPTY;
        String text = Format.tenths(lag.getAsLong());
        return new Cell(text, lag.getAsLong() > thresholds.lagWarnSeconds() * 1000 ? Health.WARN : Health.OK);
    }

    /**
     * Rspamd's counters: a master's own ("12/7"), a replica's alone when they equal its master's, else beside them
     * ("10/7 (m 12/7)"), a warning when they differ at the same offset (nothing in flight explains it).
     */
    private static Cell learns(InstanceSample sample, Optional<InstanceSample> master, Optional<Long> bytesBehind) {
        RspamdCounts mine = sample.rspamd();
        if (!mine.present()) return Cell.EMPTY;
        Optional<RspamdCounts> theirs = master.filter(InstanceSample::ok).map(InstanceSample::rspamd).filter(RspamdCounts::present);
        if (theirs.isEmpty() || theirs.get().compact().equals(mine.compact())) return Cell.of(mine.compact());
        boolean comparable = mine.complete() && theirs.get().complete(); // per-user sums of another minute are not
        boolean unexplained = comparable && (bytesBehind.map(b -> b == 0).orElse(false)
                || mine.total().orElse(0) > theirs.get().total().orElse(0));
        return new Cell(mine.compact() + " (m " + theirs.get().compact() + ")", unexplained ? Health.WARN : Health.OK);
    }

    /** What the row's findings make it: OK without one worse than INFO (an INFO finding never colours a row). */
    private static Health findingHealth(Map<String, Health> worst, String key) {
        return Health.OK.worst(worst.getOrDefault(key, Health.OK));
    }

    private static Row tunnelRow(Snapshot snapshot, Tunnel t, Map<String, Health> worst, Map<String, Integer> counts,
                                 TunnelKind tunnels) {
        String key = tunnelKey(t);
        Health findingHealth = findingHealth(worst, key);
        Optional<TunnelSample> sample = snapshot.tunnel(t.ref());
        Cell role = Cell.muted((t.isServer() ? "server :" : "client :") + t.accept());
        Cell link = sample.map(ViewBuilder::tunnelState).orElse(new Cell("waiting", Health.UNKNOWN));
        Health h = findingHealth.worst(link.health());
        Cell name = tunnels == TunnelKind.RELAY ? new Cell("tunnel " + t.name() + " (" + tunnels.label() + ")", Health.WARN)
                : new Cell("tunnel " + t.name(), Health.OK);
        return new Row(key, Row.Kind.TUNNEL, name, role, link, Cell.EMPTY, Cell.EMPTY,
                Cell.EMPTY, Cell.EMPTY, Cell.EMPTY, Cell.EMPTY, -1, counts.getOrDefault(key, 0), h);
    }

    private static String tunnelKey(Tunnel t) {
        return t.ref().toString();
    }

    /** A tunnel's end as configured: what it accepts, where it connects, and who it is (the PSK identity, never the secret). */
    private static Details tunnelDetails(Topology topology, Host host, Tunnel t, TunnelKind tunnels) {
        List<Details.Field> fields = new ArrayList<>();
        fields.add(new Details.Field("carried by", tunnels.label()));
        fields.add(new Details.Field("end", t.isServer() ? "server (on the master host)" : "client (on a replica host)"));
        fields.add(new Details.Field("accept", host.address().orElse("*") + ":" + t.accept()));
        if (t.isServer()) {
            String to = t.to().orElseThrow();
            fields.add(new Details.Field("connect", to + host.instance(to).map(i -> " at localhost:" + i.port()).orElse("")));
            List<String> ids = topology.clientsOf(t).stream().map(c -> topology.hostOf(c).pskIdentity()).distinct().toList();
            if (tunnels == TunnelKind.STUNNEL && !ids.isEmpty()) fields.add(new Details.Field("PSK identities", String.join(", ", ids)));
        } else {
            topology.serverOf(t).ifPresent(server -> fields.add(new Details.Field("connect", server.ref() + " at "
                    + topology.hostOf(server).address().orElse(server.host()) + ":" + server.accept())));
            if (tunnels == TunnelKind.STUNNEL) fields.add(new Details.Field("PSK identity", host.pskIdentity()));
        }
        return new Details(tunnelKey(t), tunnelKey(t) + " (" + tunnels.label() + ")", List.of(new Details.Group("Tunnel", fields)),
                List.of());
    }

    private static Cell tunnelState(TunnelSample s) {
        return switch (s.connect()) {
            case REFUSED -> new Cell("refused", Health.CRIT);
            case TIMEOUT -> new Cell("hung", Health.CRIT);
            case UNREACHABLE -> new Cell("unreachable", Health.CRIT);
            case PENDING -> new Cell("...", Health.UNKNOWN);
            case OK -> s.server() ? new Cell("accepts", Health.OK)
                    // Latency only when it matters: a number that flickers each refresh costs terminal bytes.
                    : s.reachesRedis() ? new Cell(s.connectMicros() >= 50_000 ? "ok " + s.connectMicros() / 1000 + "ms" : "ok",
                            Health.OK)
                    : new Cell(s.timedOut() ? "hung" : "no answer", Health.CRIT);
        };
    }

    private static FindingRow findingRow(Finding f) {
        String suggestion = f.action().isEmpty() ? f.code().remedy() : f.action();
        return new FindingRow(f.code().id(), health(f.severity()), f.subject().key(), f.subject().key(), f.summary(),
                f.evidence(), suggestion, f.fix());
    }

    private static List<Hop> hops(Topology topology, Snapshot snapshot, Map<String, Health> worst, TunnelKind tunnels) {
        List<Hop> hops = new ArrayList<>();
        for (Instance replica : topology.instances().filter(Instance::isReplica).toList()) {
            Instance master = topology.masterOf(replica).orElseThrow();
            Tunnel client = topology.replicationTunnel(replica).orElseThrow();
            Optional<Tunnel> server = topology.serverOf(client);
            List<Hop.Node> nodes = new ArrayList<>();
            nodes.add(new Hop.Node(master.ref().toString(), instanceHealth(snapshot, master, worst)));
            server.ifPresent(s -> nodes.add(new Hop.Node(s.host() + " :" + s.accept(), tunnelHealth(snapshot, s, worst))));
            nodes.add(new Hop.Node(client.host() + " :" + client.accept(), tunnelHealth(snapshot, client, worst)));
            nodes.add(new Hop.Node(replica.ref().toString(), instanceHealth(snapshot, replica, worst)));
            hops.add(new Hop(nodes, tunnels));
        }
        return hops;
    }

    private static Health instanceHealth(Snapshot snapshot, Instance i, Map<String, Health> worst) {
        Health base = snapshot.instance(i.ref()).map(s -> s.ok() ? Health.OK : Health.CRIT).orElse(Health.UNKNOWN);
        return base.worst(worst.getOrDefault(i.ref().toString(), Health.OK));
    }

    private static Health tunnelHealth(Snapshot snapshot, Tunnel t, Map<String, Health> worst) {
        Health base = snapshot.tunnel(t.ref()).map(ViewBuilder::tunnelState).map(Cell::health).orElse(Health.UNKNOWN);
        return base.worst(worst.getOrDefault(tunnelKey(t), Health.OK));
    }

    private static Optional<Details> details(Topology topology, Snapshot snapshot, InstanceHistory history, Instance i) {
        return snapshot.instance(i.ref()).flatMap(InstanceSample::info).map(info -> {
            List<Details.Group> groups = new ArrayList<>();
            rspamdGroup(topology, snapshot, i).ifPresent(groups::add);
            info.sections().forEach((section, fields) -> groups.add(new Details.Group(section,
                    fields.entrySet().stream().map(e -> new Details.Field(e.getKey(), e.getValue())).toList())));
            List<Details.Series> series = new ArrayList<>();
            List<Double> lag = history.lag().stream().map(p -> p.bytes().isPresent() ? (double) p.bytes().getAsLong() : 0.0).toList();
            if (!lag.isEmpty()) series.add(new Details.Series("lag", "bytes", lag));
            series.add(new Details.Series("offset rate", "bytes/s", history.offsetRates()));
            // The server and its version head the pane: "valkey 8.0.1" beside "redis 7.0.15" is what an upgrade breaks.
            String server = info.serverAndVersion().map(v -> ", " + v).orElse("");
            return new Details(i.ref().toString(), i.ref() + " (" + i.kind().yamlName() + ", port " + i.port() + server + ")",
                    groups, series);
        });
    }

    /**
     * Rspamd's counters of the instance beside its master's, and the heartbeat's delay where the topology has it on:
     * what the replica's Bayes and fuzzy data are, at Rspamd's level.
     */
    private static Optional<Details.Group> rspamdGroup(Topology topology, Snapshot snapshot, Instance i) {
        Optional<InstanceSample> sample = snapshot.instance(i.ref()).filter(InstanceSample::ok);
        if (sample.isEmpty()) return Optional.empty();
        List<Details.Field> fields = new ArrayList<>();
        RspamdCounts mine = sample.get().rspamd();
        Optional<InstanceSample> master = topology.masterOf(i).flatMap(m -> snapshot.instance(m.ref()));
        if (mine.present()) {
            fields.add(new Details.Field("counters", mine.describe()));
            master.filter(InstanceSample::ok).map(InstanceSample::rspamd).filter(RspamdCounts::present)
                    .ifPresent(m -> fields.add(new Details.Field("master's counters", m.describe())));
        }
        if (topology.heartbeat() && i.isReplica()) {
            OptionalLong lag = Heartbeat.lagMillis(master, sample.get());
            fields.add(new Details.Field("heartbeat lag", lag.isPresent()
                    ? Format.tenths(lag.getAsLong()) + " s"
                    : "none yet (a console under --read-only writes no heartbeat)"));
        }
        return fields.isEmpty() ? Optional.empty() : Optional.of(new Details.Group("Rspamd", fields));
    }

    private static Optional<Long> opt(OptionalLong v) {
        return v.isPresent() ? Optional.of(v.getAsLong()) : Optional.empty();
    }
}

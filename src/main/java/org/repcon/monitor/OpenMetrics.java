package org.repcon.monitor;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.repcon.diagnosis.Finding;
import org.repcon.diagnosis.Severity;
import org.repcon.probe.Heartbeat;
import org.repcon.probe.Info;
import org.repcon.probe.InstanceSample;
import org.repcon.probe.MasterLink;
import org.repcon.probe.ReplicaEntry;
import org.repcon.probe.Role;
import org.repcon.probe.RspamdCounts;
import org.repcon.probe.Snapshot;
import org.repcon.probe.TunnelSample;
import org.repcon.topology.Instance;
import org.repcon.topology.Topology;
import org.repcon.topology.Tunnel;

/**
 * {@code status --format openmetrics} and {@code status --textfile DIR}: one refresh's snapshot and findings as
 * Prometheus metrics, from the same state the table and JSON show (no probe of its own).
 *
 * <p>Every family is a gauge, so the one text is valid in both the OpenMetrics format (with {@code # EOF}) and the
 * Prometheus text format node_exporter's textfile collector reads (without it): a counter's family and sample names
 * differ between the two. Base units ({@code _bytes}, {@code _seconds}); instances labelled {@code host} and
 * {@code redis} (not {@code instance}, which Prometheus sets to the scrape target).
 */
public final class OpenMetrics {

    /** The metric families, in output order: the names, HELP texts and labels are the interface (README's table). */
    public enum Family {
        INSTANCE_UP("repcon_instance_up", "1 when the instance answered INFO in this refresh, else 0."),
        PROBE_STATUS("repcon_probe_status", "1 for the outcome of the instance's probe (ok, refused, timeout, auth_required,"
                + " auth_failed, protocol, unreachable, pending)."),
        INSTANCE_ROLE("repcon_instance_role", "1 for the role the instance reports, with the role the topology expects."),
        INSTANCE_INFO("repcon_instance_info", "1 with the instance's server (redis, valkey), its own version (valkey_version on"
                + " Valkey, whose redis_version is pinned at 7.2.4) and mode (standalone, cluster, sentinel)."),
        MEMORY_USED("repcon_memory_used_bytes", "used_memory of the instance."),
        MEMORY_MAX("repcon_memory_max_bytes", "maxmemory of the instance (0: no limit)."),
        MASTER_REPL_OFFSET("repcon_master_repl_offset_bytes", "master_repl_offset: the replication stream's offset."),
        CONNECTED_REPLICAS("repcon_connected_replicas", "connected_slaves: replicas connected to this instance (a Valkey"
                + " dual-channel sync's extra RDB channel not counted)."),
        MASTER_REPLICA_OFFSET("repcon_master_replica_offset_bytes", "The offset a replica last acknowledged, as its master"
                + " lists it (slaveN offset)."),
        MASTER_REPLICA_ACK_AGE("repcon_master_replica_ack_age_seconds", "Seconds since a replica's last acknowledgement, as"
                + " its master lists it (slaveN lag)."),
        REPLICA_REPL_OFFSET("repcon_replica_repl_offset_bytes", "slave_repl_offset: how far the replica has got in its"
                + " master's stream."),
        REPLICA_LINK_UP("repcon_replica_link_up", "1 when master_link_status is up, else 0."),
        REPLICA_LAG("repcon_replica_lag_bytes", "Bytes the replica is behind its master (master's master_repl_offset minus"
                + " the replica's offset, same replication id)."),
        REPLICA_LAST_IO("repcon_replica_last_io_seconds", "master_last_io_seconds_ago: seconds since the replica last"
                + " heard from its master."),
        REPLICA_LINK_DOWN("repcon_replica_link_down_seconds", "master_link_down_since_seconds: how long the link has been"
                + " down."),
        REPLICA_SYNC_IN_PROGRESS("repcon_replica_sync_in_progress", "1 while a full sync is in progress, else 0."),
        REPLICA_SYNC_READ("repcon_replica_sync_read_bytes", "Bytes of the running full sync read so far."),
        REPLICA_SYNC_TOTAL("repcon_replica_sync_total_bytes", "Size of the running full sync's payload (absent when"
                + " unknown, as with diskless sync)."),
        REPLICA_SYNC_PROGRESS("repcon_replica_sync_progress_ratio", "Read bytes over total bytes of the running full sync"
                + " (0 to 1)."),
        REPLICA_SYNC_ATTEMPTS("repcon_replica_sync_attempts", "master_current_sync_attempts: attempts of the sync under way"
                + " (Redis 8.x; reset once the link is up)."),
        LEARNS("repcon_learns", "Rspamd's Bayes learns in the instance (hash RS, fields learns_spam and learns_ham, and"
                + " each per-user hash as summed), by class; a gauge, since a replica's count can fall (a full sync)."),
        BAYES_USER_HASHES("repcon_bayes_user_hashes", "Hashes Rspamd's per-user Bayes statistics list (the sets"
                + " BAYES_SPAM_keys and BAYES_HAM_keys), by class."),
        FUZZY_HASHES("repcon_fuzzy_hashes", "Rspamd's fuzzy hashes in the instance (fuzzy_count)."),
        FUZZY_VERSION("repcon_fuzzy_version", "Rspamd's fuzzy storage version counter (fuzzylocal)."),
        HEARTBEAT_LAG("repcon_heartbeat_lag_seconds", "How far the replica's data trail its master's in real time, by the"
                + " heartbeat repcon writes into the master (topology 'heartbeat: true'); one clock, resolution one refresh."),
        TUNNEL_UP("repcon_tunnel_up", "1 when the stunnel end works (server: accepts; client: a PING through it reaches"
                + " Redis), else 0."),
        TUNNEL_PING("repcon_tunnel_ping_seconds", "Round trip of a PING through a client tunnel end to the master's"
                + " instance."),
        FINDING("repcon_finding", "1 for each finding of the diagnosis, by code, severity and subject."),
        FINDINGS("repcon_findings", "Number of findings of each severity."),
        SCRAPE_DURATION("repcon_scrape_duration_seconds", "How long the refresh (every probe) took."),
        SCRAPE_TIMESTAMP("repcon_scrape_timestamp_seconds", "When the refresh started (Unix time).");

        private final String metric;
        private final String help;

        Family(String metric, String help) {
            this.metric = metric;
            this.help = help;
        }

        public String metric() {
            return metric;
        }

        public String help() {
            return help;
        }
    }

    private OpenMetrics() {}

    /** The OpenMetrics text ({@code application/openmetrics-text}), ending in {@code # EOF}. */
    public static String exposition(Topology topology, Monitor.State state) {
        return samples(topology, state).text() + "# EOF\n";
    }

    /** The Prometheus text format, for node_exporter's textfile collector. */
    public static String textfile(Topology topology, Monitor.State state) {
        return samples(topology, state).text();
    }

    private static Samples samples(Topology topology, Monitor.State state) {
        Snapshot snapshot = state.snapshot();
        Samples out = new Samples();
        for (Instance i : topology.instances().toList()) instance(out, topology, snapshot, i);
        for (Tunnel t : topology.tunnels().toList()) tunnel(out, snapshot, t);
        findings(out, state.findings());
        out.add(Family.SCRAPE_DURATION, List.of(), seconds(snapshot.refreshDuration().toNanos() / 1000));
        out.add(Family.SCRAPE_TIMESTAMP, List.of(), decimal(snapshot.timeMs(), 3));
        return out;
    }

    private static void instance(Samples out, Topology topology, Snapshot snapshot, Instance i) {
        List<String> id = List.of("host", i.host(), "redis", i.name());
        Optional<InstanceSample> sample = snapshot.instance(i.ref());
        String status = sample.map(s -> s.status().name().toLowerCase()).orElse("pending");
        Optional<Info> found = snapshot.info(i.ref());
        out.add(Family.INSTANCE_UP, id, found.isPresent() ? 1 : 0);
        out.add(Family.PROBE_STATUS, with(id, "status", status), 1);
        if (found.isEmpty()) return;
        Info info = found.get();
        out.add(Family.INSTANCE_ROLE, with(id, "role", info.role().name().toLowerCase(), "expected",
                i.isReplica() ? "replica" : "master"), 1);
        info.server().ifPresent(server -> out.add(Family.INSTANCE_INFO, with(id, "server", server, "version",
                info.version().orElse(""), "mode", info.mode().orElse("")), 1));
        out.add(Family.MEMORY_USED, id, info.longValue("used_memory"));
        out.add(Family.MEMORY_MAX, id, info.longValue("maxmemory"));
        out.add(Family.MASTER_REPL_OFFSET, id, info.longValue("master_repl_offset"));
        if (info.role() == Role.MASTER) out.add(Family.CONNECTED_REPLICAS, id, info.connectedReplicas());
        for (ReplicaEntry r : info.replicas()) {
            List<String> entry = with(id, "slave", String.valueOf(r.index()), "addr", r.ip() + ":"
                    + (r.port().isPresent() ? r.port().getAsInt() : "?"), "state", r.state(), "type", r.type());
            out.add(Family.MASTER_REPLICA_OFFSET, entry, r.offset());
            out.add(Family.MASTER_REPLICA_ACK_AGE, entry, r.lag());
        }
        RspamdCounts counts = sample.get().rspamd();
        out.add(Family.LEARNS, with(id, "class", "spam"), counts.learnsSpam());
        out.add(Family.LEARNS, with(id, "class", "ham"), counts.learnsHam());
        if (counts.perUser() != null) {
            out.add(Family.BAYES_USER_HASHES, with(id, "class", "spam"), OptionalLong.of(counts.perUser().spamKeys()));
            out.add(Family.BAYES_USER_HASHES, with(id, "class", "ham"), OptionalLong.of(counts.perUser().hamKeys()));
        }
        out.add(Family.FUZZY_HASHES, id, counts.fuzzyHashes());
        out.add(Family.FUZZY_VERSION, id, counts.fuzzyVersion());
        OptionalLong lag = Heartbeat.lagMillis(topology.masterOf(i).flatMap(m -> snapshot.instance(m.ref())), sample.get());
        if (lag.isPresent()) out.add(Family.HEARTBEAT_LAG, id, decimal(lag.getAsLong(), 3));
        info.masterLink().ifPresent(link -> replica(out, topology, snapshot, i, info, link, id));
    }

    private static void replica(Samples out, Topology topology, Snapshot snapshot, Instance i, Info info, MasterLink link,
                                List<String> id) {
        out.add(Family.REPLICA_REPL_OFFSET, id, info.replOffset());
        out.add(Family.REPLICA_LINK_UP, id, link.up() ? 1 : 0);
        topology.masterOf(i).flatMap(m -> snapshot.info(m.ref())).ifPresent(m -> out.add(Family.REPLICA_LAG, id, info.bytesBehind(m)));
        out.add(Family.REPLICA_LAST_IO, id, link.lastIoSecondsAgo());
        if (!link.up()) out.add(Family.REPLICA_LINK_DOWN, id, nonNegative(link.linkDownSinceSeconds()));
        out.add(Family.REPLICA_SYNC_IN_PROGRESS, id, link.syncInProgress() ? 1 : 0);
        out.add(Family.REPLICA_SYNC_ATTEMPTS, id, link.syncAttempts().current());
        if (!link.syncInProgress()) return;
        out.add(Family.REPLICA_SYNC_READ, id, link.syncReadBytes());
        out.add(Family.REPLICA_SYNC_TOTAL, id, link.syncTotalBytes());
        if (link.syncTotalBytes().isPresent() && link.syncReadBytes().isPresent()) {
            double ratio = Math.min(1.0, Math.max(0.0, (double) link.syncReadBytes().getAsLong() / link.syncTotalBytes().getAsLong()));
            out.add(Family.REPLICA_SYNC_PROGRESS, id, plain(ratio));
        }
    }

    private static void tunnel(Samples out, Snapshot snapshot, Tunnel t) {
        List<String> id = List.of("host", t.host(), "tunnel", t.name(), "end", t.isServer() ? "server" : "client");
        Optional<TunnelSample> sample = snapshot.tunnel(t.ref());
        out.add(Family.TUNNEL_UP, id, sample.map(s -> s.ok() ? 1 : 0).orElse(0));
        sample.filter(s -> !s.server() && s.reachesRedis() && s.pingMicros() > 0)
                .ifPresent(s -> out.add(Family.TUNNEL_PING, id, seconds(s.pingMicros())));
    }

    private static void findings(Samples out, List<Finding> findings) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) counts.put(s, 0);
        // Two findings of one code on one subject (two reasons for the same code) are one series.
        Set<List<String>> seen = new LinkedHashSet<>();
        for (Finding f : findings) {
            counts.merge(f.severity(), 1, Integer::sum);
            seen.add(List.of("code", f.code().id(), "severity", severity(f.severity()), "subject", f.subject().key()));
        }
        seen.forEach(labels -> out.add(Family.FINDING, labels, 1));
        counts.forEach((s, n) -> out.add(Family.FINDINGS, List.of("severity", severity(s)), n));
    }

    private static String severity(Severity s) {
        return s.name().toLowerCase();
    }

    private static List<String> with(List<String> labels, String... more) {
        List<String> all = new ArrayList<>(labels);
        all.addAll(List.of(more));
        return all;
    }

    private static OptionalLong nonNegative(OptionalLong v) {
        return v.isPresent() && v.getAsLong() >= 0 ? v : OptionalLong.empty();
    }

    private static String seconds(long micros) {
        return decimal(micros, 6);
    }

    /** {@code unscaled / 10^scale} without an exponent or trailing zeros: 420 us is "0.00042", 1000000 ms "1000". */
    private static String decimal(long unscaled, int scale) {
        return BigDecimal.valueOf(unscaled, scale).stripTrailingZeros().toPlainString();
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /**
     * Label values escaped as both formats want them: backslash, double quote and line feed (the only three
     * escapes there are); everything else, UTF-8 included, as is.
     */
    static String escape(String value) {
        StringBuilder b = new StringBuilder(value.length() + 8);
        for (int n = 0; n < value.length(); n++) {
            char c = value.charAt(n);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** The samples of each family, written family by family (a family's samples must be contiguous). */
    private static final class Samples {
        private final Map<Family, StringBuilder> lines = new EnumMap<>(Family.class);

        void add(Family family, List<String> labels, OptionalLong value) {
            if (value.isPresent()) add(family, labels, value.getAsLong());
        }

        void add(Family family, List<String> labels, long value) {
            add(family, labels, String.valueOf(value));
        }

        void add(Family family, List<String> labels, String value) {
            StringBuilder b = lines.computeIfAbsent(family, f -> new StringBuilder());
            b.append(family.metric());
            if (!labels.isEmpty()) {
                b.append('{');
                for (int n = 0; n < labels.size(); n += 2) {
                    if (n > 0) b.append(',');
                    b.append(labels.get(n)).append("=\"").append(escape(labels.get(n + 1))).append('"');
                }
                b.append('}');
            }
            b.append(' ').append(value).append('\n');
        }

        String text() {
            StringBuilder out = new StringBuilder();
            lines.forEach((family, samples) -> out.append("# HELP ").append(family.metric()).append(' ').append(family.help())
                    .append('\n').append("# TYPE ").append(family.metric()).append(" gauge\n").append(samples));
            return out.toString();
        }
    }
}

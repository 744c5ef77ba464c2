package org.repcon.diagnosis;

import static org.repcon.diagnosis.Facts.field;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.repcon.diagnosis.LogPatterns.Meaning;
import org.repcon.probe.Info;
import org.repcon.probe.InstanceHistory;
import org.repcon.probe.InstanceSample;
import org.repcon.probe.MasterLink;
import org.repcon.probe.Role;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.Tunnel;

/**
 * Each replica's link to its master: pointed at the right tunnel end, up, keeping up, syncing.
 * A link that is down is explained by the tunnel and master findings when they exist; only an
 * unexplained one becomes a finding of its own, with the log lines that tell why.
 */
final class LinkRules {

    private LinkRules() {}

    static void apply(Facts f, Findings out) {
        for (Instance replica : f.topology.instances().filter(Instance::isReplica).toList()) {
            f.info(replica).filter(info -> info.role() == Role.REPLICA).ifPresent(info ->
                    info.masterLink().ifPresent(link -> link(f, replica, info, link, out)));
        }
    }

    private static void link(Facts f, Instance replica, Info info, MasterLink link, Findings out) {
        Subject s = Subject.of(replica);
        Host host = f.topology.hostOf(replica);
        Tunnel tunnel = f.topology.replicationTunnel(replica).orElseThrow();
        String master = replica.replicaof().orElseThrow().toString();
        if (!sameHost(link.host(), host.loopback()) || link.port().orElse(-1) != tunnel.accept()) {
            out.add(Code.WRONG_MASTER, Severity.CRITICAL, s, replica.ref() + " follows " + link.endpoint()
                    + followed(f, replica, host, link) + ", not " + host.loopback() + ":" + tunnel.accept() + " (the tunnel to " + master + ")",
                    Suggestion.repoint(s.key(), master), List.of(field(info, "master_host"), field(info, "master_port")));
            return;
        }
        flapping(f, replica, info, link, out);
        // A full sync in progress comes first: Redis reports master_link_status:down until it has loaded the RDB,
        // and a sync that moves is no broken link (the view shows its progress); one that does not move is stalled.
        if (link.syncInProgress()) {
            stalled(f, replica, info, out);
        } else if (!link.up()) {
            down(f, replica, info, out);
        } else {
            lag(f, replica, info, link, out);
        }
    }

    /**
     * What the wrong endpoint is when it is one of this host's own: another tunnel (whose master's data the replica
     * now holds: a bayes replica on the fuzzy tunnel holds fuzzy data) or a local instance; "" when it is elsewhere.
     */
    private static String followed(Facts f, Instance replica, Host host, MasterLink link) {
        if (!sameHost(link.host(), host.loopback())) return "";
        int port = link.port().orElse(-1);
        for (Tunnel t : host.tunnels()) {
            if (t.accept() != port) continue;
            Optional<Instance> other = f.topology.destinationOf(t);
            if (other.isEmpty()) return " (" + t.ref() + ")";
            String data = other.get().kind() != replica.kind()
                    ? ": this " + replica.kind().yamlName() + " replica now holds " + other.get().kind().yamlName() + " data" : "";
            return " (" + t.ref() + ", the tunnel to " + other.get().ref() + data + ")";
        }
        return host.instance(host.instances().stream().filter(i -> i.port() == port).map(Instance::name).findFirst().orElse(""))
                .map(i -> " (the local instance " + i.ref() + ")").orElse("");
    }

    /** Reconnections within the event window from which a link counts as flapping: one is a blip, two may be chance. */
    static final int FLAPS = 3;

    /**
     * A link that keeps being made again, where the server counts its attempts (Redis 8.x: master_total_sync_attempts,
     * each connection attempt to the master). Up or down at this refresh, it did not hold.
     */
    private static void flapping(Facts f, Instance replica, Info info, MasterLink link, Findings out) {
        if (link.syncAttempts().total().isEmpty()) return;
        long attempts = f.history(replica).rise("master_total_sync_attempts", f.now() - f.limits.eventWindow().toMillis());
        if (attempts < FLAPS) return;
        Subject s = Subject.of(replica);
        String window = f.window();
        List<String> evidence = new ArrayList<>(List.of("master_total_sync_attempts rose by " + attempts + " in the last " + window,
                field(info, "master_total_sync_attempts"), field(info, "master_current_sync_attempts")));
        if (link.syncAttempts().linkUpSinceSeconds().isPresent()) evidence.add(field(info, "master_link_up_since_seconds"));
        evidence.addAll(LogPatterns.lastFew(LogPatterns.standing(f.log(replica), Meaning.values()), 2));
        out.add(Code.LINK_FLAPPING, Severity.WARNING, s, "the link of " + replica.ref() + " to " + replica.replicaof().orElseThrow()
                + " was made again " + attempts + " times in the last " + window, Suggestion.logs(s.key()), evidence);
    }

    private static void down(Facts f, Instance replica, Info info, Findings out) {
        Subject s = Subject.of(replica);
        List<String> log = f.log(replica);
        List<String> evidence = new ArrayList<>(List.of(field(info, "master_link_status"),
                field(info, "master_link_down_since_seconds")));
        List<String> auth = LogPatterns.standing(log, Meaning.AUTH_MISSING, Meaning.AUTH_WRONG);
        if (!auth.isEmpty()) {
            evidence.addAll(LogPatterns.lastFew(auth, 2));
            out.add(Code.AUTH_FAILURE, Severity.CRITICAL, s, "the master refuses " + replica.ref() + "'s authentication",
                    Suggestion.set(s.key(), "masterauth"), evidence);
            return;
        }
        List<String> rdb = LogPatterns.standing(log, Meaning.RDB_VERSION);
        if (!rdb.isEmpty()) {
            evidence.addAll(LogPatterns.lastFew(rdb, 1));
            out.add(Code.VERSION_MISMATCH, Severity.CRITICAL, s, replica.ref() + " cannot read its master's RDB", null, evidence);
            return;
        }
        if (explained(f, replica) || reconnecting(info)) return;
        evidence.addAll(LogPatterns.lastFew(LogPatterns.standing(log, Meaning.values()), 3));
        out.add(Code.LINK_DOWN, Severity.CRITICAL, s, "the link of " + replica.ref() + " to "
                + replica.replicaof().orElseThrow() + " is down", Suggestion.logs(s.key()), evidence);
    }

    /** Down for less than the grace: since a repair, or since it started (-1: never up since its start). */
    private static boolean reconnecting(Info info) {
        long since = info.longValue("master_link_down_since_seconds").orElse(Long.MAX_VALUE);
        long downFor = since >= 0 ? since : info.longValue("uptime_in_seconds").orElse(Long.MAX_VALUE);
        return downFor <= Thresholds.LINK_RECONNECT_GRACE_SECONDS;
    }

    /** Whether a finding on the way to the master (tunnel, master instance) already explains a down link. */
    private static boolean explained(Facts f, Instance replica) {
        Tunnel client = f.topology.replicationTunnel(replica).orElseThrow();
        Optional<Tunnel> server = f.topology.serverOf(client);
        Optional<Instance> master = f.topology.masterOf(replica);
        boolean tunnelTrouble = f.tunnel(client).map(t -> !t.reachesRedis()).orElse(false)
                || server.flatMap(f::tunnel).map(t -> !t.ok()).orElse(false);
        boolean masterTrouble = master.flatMap(f::sample).map(m -> m.status() != InstanceSample.Status.OK).orElse(false);
        return tunnelTrouble || masterTrouble;
    }

    private static void lag(Facts f, Instance replica, Info info, MasterLink link, Findings out) {
        Subject s = Subject.of(replica);
        // A hung master or path explains the silence; its own finding says so, and a resync would not help.
        if (explained(f, replica)) return;
        OptionalLong silent = link.lastIoSecondsAgo();
        if (silent.isPresent() && silent.getAsLong() > f.limits.lagWarnSeconds()) {
            out.add(Code.LAGGING, Severity.WARNING, s, "nothing from the master for " + silent.getAsLong() + " s on " + replica.ref(),
                    Suggestion.resync(s.key(), false), List.of(field(info, "master_last_io_seconds_ago")));
            return;
        }
        List<InstanceHistory.LagPoint> points = f.history(replica).lag();
        if (points.size() < 3) return;
        List<Long> recent = points.subList(points.size() - 3, points.size()).stream()
                .map(p -> p.bytes().orElse(-1)).toList();
        boolean growing = recent.get(0) >= 0 && recent.get(0) < recent.get(1) && recent.get(1) < recent.get(2);
        if (recent.get(2) > f.limits.lagWarnBytes() && growing) {
            out.add(Code.LAGGING, Severity.WARNING, s, replica.ref() + " is " + recent.get(2) + " bytes behind and falling back",
                    Suggestion.resync(s.key(), false), List.of("lag bytes over the last samples: " + recent));
        }
    }

    private static void stalled(Facts f, Instance replica, Info info, Findings out) {
        List<InstanceSample> samples = f.history(replica).samples();
        int n = f.limits.stalledSamples();
        if (samples.size() < n) return;
        List<Long> read = samples.subList(samples.size() - n, samples.size()).stream()
                .map(x -> x.info().flatMap(Info::masterLink).filter(MasterLink::syncInProgress)
                        .map(l -> l.syncReadBytes().orElse(-1)).orElse(-2L)).toList();
        if (read.stream().distinct().count() == 1 && read.get(0) >= 0) {
            out.add(Code.SYNC_STALLED, Severity.WARNING, Subject.of(replica), "the full sync of " + replica.ref()
                    + " has read no bytes for " + n + " refreshes", Suggestion.resync(Subject.of(replica).key(), true),
                    List.of(field(info, "master_sync_read_bytes"), field(info, "master_sync_total_bytes")));
        }
    }

    /** Redis compares master hosts as strings; repcon treats the loopback names as one. */
    static boolean sameHost(String a, String b) {
        return a.equalsIgnoreCase(b) || (InstanceRules.isLoopback(a) && InstanceRules.isLoopback(b)
                && (a.equals("localhost") || a.startsWith("127.0.0.1") || a.equals("::1"))
                && (b.equals("localhost") || b.startsWith("127.0.0.1") || b.equals("::1")));
    }
}

package org.repcon.monitor;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Optional;
import java.util.OptionalLong;
import org.repcon.diagnosis.Finding;
import org.repcon.probe.Heartbeat;
import org.repcon.probe.Info;
import org.repcon.probe.InstanceSample;
import org.repcon.probe.MasterLink;
import org.repcon.probe.RspamdCounts;
import org.repcon.probe.Snapshot;
import org.repcon.probe.TunnelSample;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.Topology;
import org.repcon.topology.Tunnel;

/** {@code status --json} and {@code check --json}: raw values (bytes, seconds), stable field names. */
public final class Json {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private Json() {}

    public static String status(Topology topology, Monitor.State state) {
        JsonObject root = header(topology, state);
        JsonArray hosts = new JsonArray();
        for (Host h : topology.hosts()) {
            JsonObject host = new JsonObject();
            host.addProperty("name", h.name());
            host.addProperty("address", h.address().orElse(null));
            JsonArray instances = new JsonArray();
            h.instances().forEach(i -> instances.add(instance(topology, state.snapshot(), i)));
            host.add("instances", instances);
            JsonArray tunnels = new JsonArray();
            h.tunnels().forEach(t -> tunnels.add(tunnel(state.snapshot(), t)));
            host.add("tunnels", tunnels);
            hosts.add(host);
        }
        root.add("hosts", hosts);
        root.add("findings", findings(state));
        return GSON.toJson(root);
    }

    public static String check(Topology topology, Monitor.State state, Nagios.Verdict verdict) {
        JsonObject root = header(topology, state);
        root.addProperty("status", verdict.label());
        root.addProperty("exit_code", verdict.code());
        root.addProperty("summary", verdict.summary());
        root.add("findings", findings(state));
        return GSON.toJson(root);
    }

    private static JsonObject header(Topology topology, Monitor.State state) {
        JsonObject root = new JsonObject();
        root.addProperty("topology", topology.name());
        root.addProperty("time_ms", state.snapshot().timeMs());
        root.addProperty("refresh_ms", state.snapshot().refreshDuration().toMillis());
        return root;
    }

    private static JsonArray findings(Monitor.State state) {
        JsonArray out = new JsonArray();
        for (Finding f : state.findings()) {
            JsonObject o = new JsonObject();
            o.addProperty("code", f.code().id());
            o.addProperty("severity", f.severity().name().toLowerCase());
            o.addProperty("target", f.subject().key());
            o.addProperty("summary", f.summary());
            JsonArray evidence = new JsonArray();
            f.evidence().forEach(evidence::add);
            o.add("evidence", evidence);
            o.addProperty("action", f.action().isEmpty() ? f.code().remedy() : f.action());
            out.add(o);
        }
        return out;
    }

    private static JsonObject instance(Topology topology, Snapshot snapshot, Instance i) {
        JsonObject o = new JsonObject();
        o.addProperty("name", i.name());
        o.addProperty("kind", i.kind().yamlName());
        o.addProperty("port", i.port());
        o.addProperty("expected_role", i.isReplica() ? "replica" : "master");
        Optional<InstanceSample> sample = snapshot.instance(i.ref());
        o.addProperty("probe", sample.map(s -> s.status().name().toLowerCase()).orElse("pending"));
        Optional<Info> info = snapshot.info(i.ref());
        if (info.isEmpty()) return o;
        Info in = info.get();
        o.addProperty("role", in.role().name().toLowerCase());
        o.addProperty("server", in.server().orElse(null));
        o.addProperty("version", in.version().orElse(null));
        o.addProperty("mode", in.mode().orElse(null));
        number(o, "master_repl_offset", in.longValue("master_repl_offset"));
        number(o, "used_memory", in.longValue("used_memory"));
        number(o, "maxmemory", in.longValue("maxmemory"));
        number(o, "connected_replicas", in.connectedReplicas());
        rspamd(o, topology, snapshot, i, sample.get());
        Optional<MasterLink> link = in.masterLink();
        link.ifPresent(l -> {
            o.addProperty("master", l.endpoint());
            o.addProperty("link", l.up() ? "up" : "down");
            number(o, "replica_offset", in.replOffset());
            number(o, "lag_seconds", l.lastIoSecondsAgo());
            o.addProperty("sync_in_progress", l.syncInProgress());
            topology.masterOf(i).flatMap(m -> snapshot.info(m.ref())).ifPresent(m -> number(o, "lag_bytes", in.bytesBehind(m)));
        });
        return o;
    }

    /** Rspamd's counters as read (absent: not read, or not Rspamd's instance yet) and the heartbeat's delay. */
    private static void rspamd(JsonObject o, Topology topology, Snapshot snapshot, Instance i, InstanceSample sample) {
        RspamdCounts c = sample.rspamd();
        number(o, "learns_spam", c.learnsSpam());
        number(o, "learns_ham", c.learnsHam());
        number(o, "fuzzy_count", c.fuzzyHashes());
        number(o, "fuzzy_version", c.fuzzyVersion());
        if (c.perUser() != null) {
            JsonObject u = new JsonObject();
            u.addProperty("spam_keys", c.perUser().spamKeys());
            u.addProperty("ham_keys", c.perUser().hamKeys());
            u.addProperty("sum", c.perUser().sum().name().toLowerCase(java.util.Locale.ROOT));
            o.add("per_user", u);
        }
        OptionalLong lag = Heartbeat.lagMillis(topology.masterOf(i).flatMap(m -> snapshot.instance(m.ref())), sample);
        if (lag.isPresent()) o.addProperty("heartbeat_lag_seconds", lag.getAsLong() / 1000.0);
    }

    private static JsonObject tunnel(Snapshot snapshot, Tunnel t) {
        JsonObject o = new JsonObject();
        o.addProperty("name", t.name());
        o.addProperty("end", t.isServer() ? "server" : "client");
        o.addProperty("accept", t.accept());
        snapshot.tunnel(t.ref()).ifPresent(s -> {
            o.addProperty("connect", s.connect().name().toLowerCase());
            o.addProperty("ping", s.ping().name().toLowerCase());
            o.addProperty("reaches_redis", s.reachesRedis());
        });
        return o;
    }

    private static void number(JsonObject o, String name, OptionalLong v) {
        if (v.isPresent()) o.addProperty(name, v.getAsLong());
    }
}

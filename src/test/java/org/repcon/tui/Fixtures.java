package org.repcon.tui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.repcon.diagnosis.Suggestion;
import org.repcon.view.Cell;
import org.repcon.view.ConsoleView;
import org.repcon.view.Details;
import org.repcon.view.FindingRow;
import org.repcon.view.Health;
import org.repcon.view.Hop;
import org.repcon.view.HostPane;
import org.repcon.view.Row;

/**
 * Console views as the live builder would make them for the tutorial's deployment: a master and
 * two replicas, each with the cache, bayes and fuzzy instances and the bayes and fuzzy tunnels.
 * "Faulted": replica2's local bayes tunnel is down (CRIT) and replica2/fuzzy lags (WARN).
 */
public final class Fixtures {

    public static final String TUNNEL_DOWN_KEY = "replica2/tunnel/bayes";
    public static final String LAGGING_KEY = "replica2/fuzzy";

    private Fixtures() {}

    public static ConsoleView healthy(long refreshedAt) {
        return view(refreshedAt, false);
    }

    public static ConsoleView faulted(long refreshedAt) {
        return view(refreshedAt, true);
    }

    private static ConsoleView view(long at, boolean faulted) {
        List<HostPane> hosts = List.of(
                new HostPane("master", "mx-master.example.org  ssh  freebsd", Health.OK, List.of(
                        cache("master"),
                        master("master", "bayes", 6378, "48213377", "312.4M/600M", 0.52),
                        master("master", "fuzzy", 6377, "9120044", "88.1M/200M", 0.44),
                        tunnel("master", "bayes", 6478, "server", ok("accepting"), Health.OK, 0),
                        tunnel("master", "fuzzy", 6477, "server", ok("accepting"), Health.OK, 0))),
                new HostPane("replica1", "mx-edge1.example.org  ssh  freebsd", Health.OK, List.of(
                        cache("replica1"),
                        replica("replica1", "bayes", 6378, "48213377", "48213377", ok("0"), ok("1s"), "310.9M/600M", 0.52, Health.OK, 0),
                        replica("replica1", "fuzzy", 6377, "9120044", "9120044", ok("0"), ok("0s"), "87.6M/200M", 0.44, Health.OK, 0),
                        tunnel("replica1", "bayes", 6478, "client", ok("up"), Health.OK, 0),
                        tunnel("replica1", "fuzzy", 6477, "client", ok("up"), Health.OK, 0))),
                new HostPane("replica2", "mx-edge2.example.org  ssh  debian", faulted ? Health.CRIT : Health.OK, List.of(
                        cache("replica2"),
                        faulted
                                ? new Row("replica2/bayes", Row.Kind.INSTANCE, Cell.of("bayes :6378"), Cell.of("replica"),
                                new Cell("down 42s", Health.CRIT), Cell.of("48213377"), Cell.of("48190021"),
                                new Cell("23.3K", Health.CRIT), new Cell("?", Health.UNKNOWN), Cell.muted("-"),
                                Cell.of("305.0M/600M"), 0.51, 1, Health.CRIT)
                                : replica("replica2", "bayes", 6378, "48213377", "48213377", ok("0"), ok("1s"), "310.9M/600M", 0.52, Health.OK, 0),
                        faulted
                                ? replica("replica2", "fuzzy", 6377, "9120044", "7652038", new Cell("1.4M", Health.WARN),
                                new Cell("38s", Health.WARN), "86.0M/200M", 0.43, Health.WARN, 1)
                                : replica("replica2", "fuzzy", 6377, "9120044", "9120044", ok("0"), ok("0s"), "87.6M/200M", 0.44, Health.OK, 0),
                        faulted
                                ? tunnel("replica2", "bayes", 6478, "client", new Cell("refused", Health.CRIT), Health.CRIT, 1)
                                : tunnel("replica2", "bayes", 6478, "client", ok("up"), Health.OK, 0),
                        tunnel("replica2", "fuzzy", 6477, "client", ok("up"), Health.OK, 0))));

        List<FindingRow> findings = new ArrayList<>();
        if (faulted) {
            findings.add(new FindingRow("tunnel-down", Health.CRIT, "replica2/tunnel/bayes", TUNNEL_DOWN_KEY,
                    "replica2's local stunnel for bayes refuses connections on 127.0.0.1:6478, so replica2/bayes cannot reach its master",
                    List.of("replica2/bayes: master_link_status:down, master_link_down_since_seconds:42",
                            "redis-bayes.log: 4412:S 12 May 2025 03:12:01.118 # Error condition on socket for SYNC: Connection refused"),
                    "start stunnel on replica2", Optional.of(Suggestion.start("replica2/tunnel/bayes"))));
            findings.add(new FindingRow("replica-lagging", Health.WARN, "replica2/fuzzy", LAGGING_KEY,
                    "replica2/fuzzy is 1.4 MB (38 s) behind master/fuzzy and the gap is growing",
                    List.of("offset gap 1468006 bytes, growing over the last 5 refreshes",
                            "master/fuzzy: slave1:ip=127.0.0.1,port=6377,state=online,offset=7652038,lag=38"),
                    "soft resync (CLIENT KILL TYPE master on replica2/fuzzy); if it persists, full resync",
                    Optional.of(Suggestion.resync("replica2/fuzzy", false))));
        }

        List<Hop> hops = new ArrayList<>();
        for (String replica : List.of("replica1", "replica2")) {
            for (String name : List.of("bayes", "fuzzy")) {
                int port = name.equals("bayes") ? 6478 : 6477;
                boolean down = faulted && replica.equals("replica2") && name.equals("bayes");
                boolean lag = faulted && replica.equals("replica2") && name.equals("fuzzy");
                hops.add(new Hop(List.of(
                        new Hop.Node("master/" + name, Health.OK),
                        new Hop.Node("server:" + port, Health.OK),
                        new Hop.Node("client:" + port, down ? Health.CRIT : Health.OK),
                        new Hop.Node(replica + "/" + name, down ? Health.CRIT : lag ? Health.WARN : Health.OK))));
            }
        }

        List<Details> details = List.of(details("replica2/fuzzy", faulted), details("master/bayes", false));
        int crit = faulted ? 3 : 0, warn = faulted ? 1 : 0;
        return new ConsoleView("rspamd-stats", at, 15 - crit - warn, warn, crit, hosts, findings, hops, details);
    }

    /**
     * The view with replication offsets moved on by {@code bytes}, as a live source would show them
     * after some learning traffic; rows that are down keep theirs.
     */
    public static ConsoleView advanced(ConsoleView v, long bytes) {
        List<HostPane> hosts = new ArrayList<>();
        for (HostPane h : v.hosts()) {
            List<Row> rows = new ArrayList<>();
            for (Row r : h.rows()) {
                long by = r.health() == Health.CRIT ? 0 : bytes;
                rows.add(new Row(r.key(), r.kind(), r.name(), r.role(), r.link(), plus(r.masterOffset(), bytes),
                        plus(r.replicaOffset(), by), r.lagBytes(), r.lastIo(), r.sync(), r.memory(), r.memoryFraction(),
                        r.findings(), r.health()));
            }
            hosts.add(new HostPane(h.name(), h.subtitle(), h.health(), rows));
        }
        return new ConsoleView(v.topologyName(), v.refreshedAt(), v.ok(), v.warn(), v.crit(), hosts, v.findings(),
                v.hops(), v.details());
    }

    private static Cell plus(Cell c, long bytes) {
        return c.text().matches("\\d+") ? new Cell(String.valueOf(Long.parseLong(c.text()) + bytes), c.health()) : c;
    }

    private static Cell ok(String text) {
        return Cell.of(text);
    }

    private static Row cache(String host) {
        return new Row(host + "/redis", Row.Kind.INSTANCE, Cell.of("redis :6379"), Cell.muted("cache"), Cell.muted("-"),
                Cell.muted("-"), Cell.muted("-"), Cell.muted("-"), Cell.muted("-"), Cell.muted("-"),
                Cell.of("1.2M/200M"), 0.006, 0, Health.OK);
    }

    private static Row master(String host, String name, int port, String offset, String memory, double fraction) {
        return new Row(host + "/" + name, Row.Kind.INSTANCE, Cell.of(name + " :" + port), Cell.of("master"),
                Cell.of("2 replicas"), Cell.of(offset), Cell.muted("-"), Cell.muted("-"), Cell.muted("-"), Cell.muted("-"),
                Cell.of(memory), fraction, 0, Health.OK);
    }

    private static Row replica(String host, String name, int port, String masterOffset, String replicaOffset, Cell lagBytes,
                               Cell lastIo, String memory, double fraction, Health health, int findings) {
        return new Row(host + "/" + name, Row.Kind.INSTANCE, Cell.of(name + " :" + port), Cell.of("replica"),
                Cell.of("up"), Cell.of(masterOffset), Cell.of(replicaOffset), lagBytes, lastIo, Cell.muted("-"),
                Cell.of(memory), fraction, findings, health);
    }

    private static Row tunnel(String host, String name, int port, String role, Cell link, Health health, int findings) {
        return new Row(host + "/tunnel/" + name, Row.Kind.TUNNEL, new Cell("stunnel " + name + " :" + port, health == Health.CRIT ? Health.CRIT : Health.OK),
                Cell.of(role), link, Cell.muted(""), Cell.muted(""), Cell.muted(""), Cell.muted(""), Cell.muted(""),
                Cell.muted(""), -1, findings, health);
    }

    private static Details details(String key, boolean lagging) {
        List<Double> lag = new ArrayList<>(), memory = new ArrayList<>(), ops = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lag.add(lagging && i > 25 ? (i - 25) * 100_000.0 : (i % 3) * 10.0);
            memory.add(80.0 + i * 0.2);
            ops.add(100 + 40 * Math.sin(i / 4.0));
        }
        return new Details(key, key + "  (redis 7.2.4, replica of master/fuzzy)", List.of(
                group("Replication", """
                        role:slave
                        master_host:localhost
                        master_port:6477
                        master_link_status:up
                        master_last_io_seconds_ago:%s
                        master_sync_in_progress:0
                        slave_repl_offset:%s
                        slave_read_only:1
                        master_replid:8f1c0d4b6a5e2f9d3c7b1a0e6d5c4b3a2f1e0d9c
                        """.formatted(lagging ? "38" : "0", lagging ? "7652038" : "9120044")),
                group("Memory", """
                        used_memory:90177536 (86.0M)
                        maxmemory:209715200 (200M)
                        maxmemory_policy:noeviction
                        mem_fragmentation_ratio:1.12
                        """),
                group("Persistence", """
                        loading:0
                        rdb_last_bgsave_status:ok
                        rdb_changes_since_last_save:1204
                        aof_enabled:0
                        """),
                group("Stats", """
                        sync_full:1
                        sync_partial_ok:3
                        sync_partial_err:0
                        evicted_keys:0
                        """)),
                List.of(new Details.Series("lag", "B", lag),
                        new Details.Series("memory", "MB", memory),
                        new Details.Series("ops/s", "", ops)));
    }

    /** A group of fields written as INFO writes them, one {@code name:value} a line. */
    private static Details.Group group(String title, String info) {
        return new Details.Group(title, info.lines().map(l -> l.split(":", 2)).map(f -> new Details.Field(f[0], f[1])).toList());
    }
}

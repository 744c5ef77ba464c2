package org.repcon.diagnosis;

import static org.repcon.diagnosis.Facts.field;
import static org.repcon.diagnosis.Facts.lng;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.repcon.diagnosis.LogPatterns.Meaning;
import org.repcon.probe.Info;
import org.repcon.probe.InstanceSample;
import org.repcon.probe.ReplicaEntry;
import org.repcon.probe.Role;
import org.repcon.topology.Host;
import org.repcon.topology.Instance;
import org.repcon.topology.Kind;

/** One instance at a time: can it be reached, is it what the topology says, is it healthy on its own. */
final class InstanceRules {

    private InstanceRules() {}

    static void apply(Facts f, Findings out) {
        for (Instance i : f.topology.instances().toList()) {
            f.sample(i).ifPresent(sample -> reachability(f, i, sample, out));
            f.info(i).ifPresent(info -> {
                role(f, i, info, out);
                memory(f, i, info, out);
                persistence(f, i, info, out);
                indistinguishable(i, info, out);
                server(f, i, info, out);
                if (i.isReplica()) version(f, i, info, out);
            });
            exposed(f, i, out);
        }
    }

    private static void reachability(Facts f, Instance i, InstanceSample sample, Findings out) {
        Subject s = Subject.of(i);
        List<String> evidence = new ArrayList<>();
        evidence.add(sample.summary());
        List<Instance> replicas = f.topology.replicasOf(i);
        if (!replicas.isEmpty()) {
            evidence.add("replicas depending on it: " + replicas.stream().map(r -> r.ref().toString()).collect(Collectors.joining(", ")));
        }
        switch (sample.status()) {
            case OK -> { }
            case REFUSED -> {
                evidence.addAll(lastWords(f.log(i)));
                out.add(Code.INSTANCE_DOWN, Severity.CRITICAL, s, i.ref() + " is not running (connection refused)",
                        replicas.isEmpty() ? Suggestion.start(s.key()) : DatasetRules.downFix(f, i), evidence);
            }
            case TIMEOUT -> {
                replicas.forEach(r -> f.info(r).flatMap(Info::masterLink).ifPresent(link -> evidence.add(r.ref()
                        + ": master_link_status:" + (link.up() ? "up" : "down") + " master_last_io_seconds_ago:"
                        + (link.lastIoSecondsAgo().isPresent() ? link.lastIoSecondsAgo().getAsLong() : -1))));
                out.add(Code.INSTANCE_HUNG, Severity.CRITICAL, s, i.ref() + " accepts connections but does not answer",
                        Suggestion.restart(s.key()), evidence);
            }
            case UNREACHABLE -> {
                boolean replicasFine = !replicas.isEmpty() && replicas.stream().allMatch(r ->
                        f.info(r).flatMap(Info::masterLink).map(l -> l.up()).orElse(false));
                if (replicasFine) {
                    out.add(Code.MASTER_UNREACHABLE_FROM_HERE, Severity.WARNING, s, i.ref()
                            + " cannot be reached from here, but its replicas still replicate", null, evidence);
                } else {
                    out.add(Code.HOST_UNREACHABLE, Severity.CRITICAL, Subject.host(i.host()), "host " + i.host()
                            + " cannot be reached", null, evidence);
                }
            }
            case AUTH_REQUIRED, AUTH_FAILED -> out.add(Code.PROBE_AUTH, Severity.WARNING, s, i.ref()
                    + " refuses repcon's probe: " + (sample.status() == InstanceSample.Status.AUTH_REQUIRED
                    ? "it wants a password the topology does not give" : "the topology's password is wrong"), null, evidence);
            case BUSY -> out.add(Code.INSTANCE_BUSY, Severity.CRITICAL, s, (replicas.isEmpty() ? "classification" : "learning")
                    + " fails: " + i.ref() + " answers BUSY to every command (a script or module command is running)", null,
                    evidence);
            default -> out.add(Code.PROBE_PROTOCOL, Severity.WARNING, s, i.ref() + " did not answer like Redis", null, evidence);
        }
    }

    /** A log line Redis wrote at warning level ({@code 12:M 01 Dec 2026 03:00:00.000 # ...}): why it exited. */
    private static final Pattern WARNING_LINE = Pattern.compile("^\\d+:[A-Z] .*? # ");

    /**
     * Why a stopped instance stopped, from its log's end: its warning lines among the last 20 ("Can't handle RDB
     * format version 10", "Fatal error loading the DB"), the last three of them; else its last three lines.
     */
    private static List<String> lastWords(List<String> log) {
        List<String> tail = LogPatterns.lastFew(log, 20);
        List<String> warnings = tail.stream().filter(l -> WARNING_LINE.matcher(l).find()).toList();
        return LogPatterns.lastFew(warnings.isEmpty() ? tail : warnings, 3);
    }

    private static void role(Facts f, Instance i, Info info, Findings out) {
        Subject s = Subject.of(i);
        if (i.kind() == Kind.CACHE) {
            long replicas = info.connectedReplicas().orElse(0);
            if (info.role() == Role.REPLICA || replicas > 0) {
                out.add(Code.CACHE_REPLICATING, Severity.WARNING, s, "cache instance " + i.ref() + " takes part in replication",
                        info.role() == Role.REPLICA ? Suggestion.promote(s.key()) : null, List.of(field(info, "role"),
                                field(info, "connected_slaves")));
            }
            return;
        }
        if (i.isReplica() && info.role() == Role.MASTER) {
            out.add(Code.ROLE_MISMATCH, Severity.CRITICAL, s, i.ref() + " is a master; the topology has it replicate "
                    + i.replicaof().orElseThrow(), Suggestion.repoint(s.key(), i.replicaof().orElseThrow().toString()),
                    List.of(field(info, "role"), field(info, "master_repl_offset")));
        } else if (!i.isReplica() && info.role() == Role.REPLICA) {
            out.add(Code.ROLE_MISMATCH, Severity.CRITICAL, s, i.ref() + " is a replica of "
                    + info.masterLink().map(l -> l.endpoint()).orElse("?") + "; the topology has it a master",
                    Suggestion.promote(s.key()), List.of(field(info, "role"), field(info, "master_host"), field(info, "master_port")));
        } else if (info.role() == Role.REPLICA && info.masterLink().flatMap(l -> l.readOnly()).map(readOnly -> !readOnly).orElse(false)) {
            out.add(Code.REPLICA_WRITABLE, Severity.WARNING, s, "replica " + i.ref() + " accepts writes",
                    Suggestion.set(s.key(), "replica-read-only", "yes"),
                    List.of(field(info, "slave_read_only")));
        }
    }

    private static void memory(Facts f, Instance i, Info info, Findings out) {
        OptionalLong max = lng(info, "maxmemory");
        OptionalLong used = lng(info, "used_memory");
        if (max.isEmpty() || used.isEmpty() || max.getAsLong() <= 0) return;
        double fraction = (double) used.getAsLong() / max.getAsLong();
        List<String> evidence = List.of(field(info, "used_memory"), field(info, "maxmemory"), field(info, "maxmemory_policy"));
        Subject s = Subject.of(i);
        if (info.role() == Role.MASTER && "noeviction".equals(info.string("maxmemory_policy").orElse(""))) {
            // Writes already refused for memory (errorstat_OOM) settle it: used_memory may dip just below the
            // limit once the refused clients' buffers are freed.
            boolean oomSeen = info.string("errorstat_OOM").isPresent();
            if (fraction >= 0.98 || (oomSeen && fraction >= f.limits.memoryNearFraction())) {
                out.add(Code.MASTER_FULL, Severity.CRITICAL, s, i.ref() + " is full: writes fail with OOM",
                        null, withOom(evidence, info));
            } else if (fraction >= f.limits.memoryNearFraction()) {
                out.add(Code.MASTER_NEAR_FULL, Severity.WARNING, s, i.ref() + " is at " + Math.round(fraction * 100)
                        + "% of maxmemory with noeviction", null, evidence);
            }
        } else if (info.role() == Role.REPLICA && fraction >= f.limits.memoryNearFraction()) {
            out.add(Code.REPLICA_NEAR_LIMIT, Severity.WARNING, s, "replica " + i.ref() + " is at " + Math.round(fraction * 100)
                    + "% of its maxmemory", null, evidence);
        }
        if (i.isReplica()) {
            f.topology.masterOf(i).flatMap(f::info).ifPresent(masterInfo -> {
                OptionalLong masterMax = lng(masterInfo, "maxmemory");
                if (masterMax.isPresent() && (masterMax.getAsLong() == 0 || masterMax.getAsLong() > max.getAsLong())) {
                    out.add(Code.REPLICA_NEAR_LIMIT, Severity.WARNING, s, "replica " + i.ref() + " has a lower maxmemory than"
                            + " its master", null, List.of(field(info, "maxmemory"), "master " + field(masterInfo, "maxmemory")));
                }
            });
        }
    }

    private static List<String> withOom(List<String> evidence, Info info) {
        List<String> out = new ArrayList<>(evidence);
        info.string("errorstat_OOM").ifPresent(v -> out.add("errorstat_OOM:" + v));
        return out;
    }

    private static void persistence(Facts f, Instance i, Info info, Findings out) {
        List<String> evidence = new ArrayList<>();
        if (info.savesFail()) {
            if ("err".equals(info.string("rdb_last_bgsave_status").orElse(""))) evidence.add(field(info, "rdb_last_bgsave_status"));
            if ("err".equals(info.string("aof_last_write_status").orElse(""))) evidence.add(field(info, "aof_last_write_status"));
            evidence.add(field(info, "rdb_changes_since_last_save"));
            // The log says why: "Failed opening the temp RDB file ... No such file or directory", "No space left on device".
            evidence.addAll(LogPatterns.lastFew(f.log(i).stream().filter(l -> LogPatterns.meaning(l)
                    .filter(m -> m == Meaning.SAVE_FAILED || m == Meaning.BGSAVE_ERROR).isPresent()).toList(), 2));
            out.add(Code.RDB_FAILING, Severity.CRITICAL, Subject.of(i), i.ref() + " cannot save to disk", Suggestion.logs(i.ref().toString()), evidence);
        }
    }

    private static void indistinguishable(Instance i, Info info, Findings out) {
        // A replica in a Valkey dual-channel sync is listed twice at one address, once for its RDB channel.
        List<ReplicaEntry> entries = info.replicas().stream().filter(e -> !e.rdbChannel()).toList();
        List<String> same = entries.stream().collect(Collectors.groupingBy(e -> e.ip() + ":" + (e.port().isPresent()
                ? e.port().getAsInt() : 0), Collectors.counting())).entrySet().stream().filter(e -> e.getValue() > 1)
                .map(e -> e.getValue() + " replicas at " + e.getKey()).toList();
        if (!same.isEmpty()) {
            out.add(Code.REPLICAS_INDISTINGUISHABLE, Severity.INFO, Subject.of(i), "the replicas of " + i.ref()
                    + " look alike on the master", null, same);
        }
    }

    /**
     * A replica older than its master may not read the RDB of a full sync. Between two servers of one kind their own
     * versions are compared; across Redis and Valkey, the Redis version each speaks ({@code redis_version}, which Valkey
     * pins at the Redis it is compatible with): a Valkey 8 master (7.2.4) is too new for a Redis 7.0 replica, a
     * Redis 7.4 master too new for a Valkey 8 replica.
     */
    private static void version(Facts f, Instance i, Info info, Findings out) {
        f.topology.masterOf(i).ifPresent(m -> f.info(m).ifPresent(master -> {
            boolean sameServer = info.server().equals(master.server());
            Optional<String> mine = sameServer ? info.version() : info.redisCompatibleVersion();
            Optional<String> theirs = sameServer ? master.version() : master.redisCompatibleVersion();
            if (mine.isEmpty() || theirs.isEmpty() || compareVersions(mine.get(), theirs.get()) >= 0) return;
            String compatible = sameServer ? "" : " (Redis-compatible " + mine.get() + " < " + theirs.get() + ")";
            out.add(Code.VERSION_MISMATCH, Severity.WARNING, Subject.of(i), "replica " + i.ref() + " runs "
                    + info.serverAndVersion().orElse("?") + ", older than its master's " + master.serverAndVersion().orElse("?")
                    + compatible, null,
                    List.of("replica " + i.ref() + ": " + serverEvidence(info), "master " + m.ref() + ": " + serverEvidence(master)));
        }));
    }

    /**
     * The topology says which server a host runs ({@code server:}), and repcon names its services, packages and files
     * by it: an instance answering as the other one is driven by the wrong names (redis-server@bayes for a
     * valkey-server@bayes). Only where the topology says: a topology that does not say takes Redis by default.
     */
    private static void server(Facts f, Instance i, Info info, Findings out) {
        Host host = f.topology.hostOf(i);
        host.declaredServer().ifPresent(said -> info.server().filter(answers -> !answers.equals(said.yamlName())).ifPresent(answers ->
                out.add(Code.SERVER_MISMATCH, Severity.WARNING, Subject.of(i), i.ref() + " answers as " + answers
                        + ", its host " + host.name() + " says server: " + said.yamlName(), null,
                        List.of(i.ref() + ": " + serverEvidence(info), "topology: host " + host.name() + ": server: " + said.yamlName()))));
    }

    /** "valkey 8.0.1 (server_name:valkey valkey_version:8.0.1 redis_version:7.2.4)", "redis 7.0.15 (redis_version:7.0.15)". */
    static String serverEvidence(Info info) {
        List<String> fields = new ArrayList<>();
        info.string("server_name").ifPresent(v -> fields.add("server_name:" + v));
        info.server().filter(s -> !s.equals("redis")).ifPresent(s -> info.string(s + "_version").ifPresent(v -> fields.add(s + "_version:" + v)));
        info.redisCompatibleVersion().ifPresent(v -> fields.add("redis_version:" + v));
        return info.serverAndVersion().orElse("?") + (fields.isEmpty() ? "" : " (" + String.join(" ", fields) + ")");
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int n = 0; n < Math.max(x.length, y.length); n++) {
            int c = Integer.compare(n < x.length ? number(x[n]) : 0, n < y.length ? number(y[n]) : 0);
            if (c != 0) return c;
        }
        return 0;
    }

    private static int number(String s) {
        String digits = s.replaceAll("\\D.*", "");
        return digits.isEmpty() ? 0 : Integer.parseInt(digits.length() > 6 ? digits.substring(0, 6) : digits);
    }

    private static void exposed(Facts f, Instance i, Findings out) {
        Host host = f.topology.hostOf(i);
        List<String> open = host.bind().stream().filter(a -> !isLoopback(a)).toList();
        if (!open.isEmpty() && i.password().isEmpty()) {
            out.add(Code.EXPOSED_WITHOUT_PASSWORD, Severity.WARNING, Subject.of(i), i.ref() + " listens on "
                    + String.join(", ", open) + " without a password", null, List.of("bind " + String.join(" ", host.bind())));
        }
    }

    static boolean isLoopback(String address) {
        String a = address.startsWith("-") ? address.substring(1) : address;
        return a.startsWith("127.") || a.equals("::1") || a.equals("localhost");
    }
}

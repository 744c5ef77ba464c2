package org.repcon.action;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.repcon.probe.Info;
import org.repcon.probe.InstanceSample;
import org.repcon.probe.Keyspace;
import org.repcon.probe.ReplicaChoice;
import org.repcon.topology.Instance;
import org.repcon.util.RepconException;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The dataset guard: before a change after which replicas copy a master (its start or restart, a resync), what the
 * master will hold then, against what its replicas hold now. When the master would come back empty or clearly
 * behind them, the change would wipe the replicas as well (a full sync copies the master whatever it holds): the
 * {@link Verdict} then spells the loss out in one line and names the replica to restore the master from. Actions
 * refuse on it unless forced; setup can call {@link #check} the same way before its start and restart steps.
 */
public final class DatasetGuard {

    /** What is about to happen to the master. */
    public enum Change {
        /** It is down and will start from its files. */
        START,
        /** It runs and will be stopped and started: with persistence it saves on the way down; without, its files decide. */
        RESTART,
        /** It runs and a replica will copy it as it is (a resync). */
        SYNC
    }

    /**
     * The outcome: the facts found (for the preview), and, when the change would lose data, the loss in one line and
     * the replica holding the most that the master could be restored from.
     */
    public record Verdict(Instance master, List<String> facts, Optional<String> loss, Optional<Instance> source) {
        public Verdict {
            facts = List.copyOf(facts);
        }

        public boolean safe() {
            return loss.isEmpty();
        }

        /**
         * The refusal line: the loss, the safe way, and how to do it anyway. {@code forced} is the command with
         * --force, e.g. "start master/bayes --force".
         */
        public String refusal(String forced) {
            return refusal() + "; or '" + forced + "' (typing " + master.ref() + ") to do it anyway";
        }

        /** The loss and the safe way, for a change that cannot be forced. */
        public String refusal() {
            return loss.orElse("") + source.map(s -> "; restore " + master.ref() + " from " + s.ref() + " instead").orElse("");
        }
    }

    /** A replica as the guard and restore see it: answering, with its keys, offset and link. */
    public record ReplicaState(Instance replica, Info info, Keyspace keys) {
        long offset() {
            return info.replOffset().orElse(-1);
        }

        boolean linkUp() {
            return ReplicaChoice.linkUp(info);
        }

        /** Seconds since its link went down; 0 while up, MAX_VALUE when unknown. */
        long downSeconds() {
            return ReplicaChoice.downSeconds(info);
        }

        String describe() {
            return replica.ref() + " holds " + keys.describe() + " (offset " + offset() + ", link "
                    + (linkUp() ? "up" : downSeconds() == Long.MAX_VALUE ? "down" : "down for " + downSeconds() + " s") + ")";
        }
    }

    /** A master PINGs its replicas every 10 s (repl-ping-replica-period): 14 bytes of stream each, no data. */
    private static final long PING_BYTES = 14;
    private static final long PING_PERIOD_SECONDS = 10;

    private DatasetGuard() {}

    /** The guard for {@code change} of {@code master}; reads the deployment, changes nothing. */
    public static Verdict check(ActionContext ctx, Instance master, Change change) {
        List<ReplicaState> answering = replicas(ctx, master);
        Verdict v = check(ctx, master, change, answering);
        List<String> facts = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Instance r : ctx.topology().replicasOf(master)) {
            if (answering.stream().anyMatch(a -> a.replica().ref().equals(r.ref()))) continue;
            InstanceSample s = ctx.probe(r);
            if (s.ok()) {
                facts.add(r.ref() + " follows another master: what it holds is not compared");
            } else if (s.status() == InstanceSample.Status.REFUSED) {
                facts.add(r.ref() + " is not running: what it holds in memory is not compared");
            } else {
                // Hung, unreachable, refusing the password: it may hold everything, and copies the master once it is back.
                unknown.add(r.ref() + " does not answer (" + s.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + (s.message().isEmpty() ? "" : ": " + s.message()) + "), so what it holds cannot be compared with what "
                        + master.ref() + " would hold");
            }
        }
        facts.addAll(v.facts());
        // Fail closed for a start, where what the master will hold comes from its files: a replica that cannot be seen is
        // no replica that is safe to overwrite. A restart of a running master keeps what it holds (it saves on the way
        // down, or the check above refused it), and waiting for a lagging replica is what its shutdown does.
        Optional<String> loss = v.loss().isPresent() || unknown.isEmpty() || change != Change.START ? v.loss()
                : Optional.of(String.join("; ", unknown));
        if (loss.isEmpty()) facts.addAll(unknown);
        return new Verdict(master, facts, loss, v.source());
    }

    /** The guard against some of the master's replicas only: the one a resync makes copy it. */
    public static Verdict check(ActionContext ctx, Instance master, Change change, List<ReplicaState> replicas) {
        List<String> facts = new ArrayList<>();
        replicas.forEach(r -> facts.add(r.describe()));
        Optional<ReplicaState> best = best(replicas);
        if (best.isEmpty() || best.get().keys().total() == 0) {
            // No replica holds anything: nothing of theirs to lose.
            return new Verdict(master, facts, Optional.empty(), Optional.empty());
        }
        ReplicaState b = best.get();
        Optional<String> loss = switch (change) {
            case START -> fromFiles(ctx, master, b, facts);
            case RESTART, SYNC -> running(ctx, master, b, change, facts);
        };
        return new Verdict(master, facts, loss.map(l -> b.replica().ref() + " holds " + b.keys().describe() + ", " + l),
                loss.map(l -> b.replica()));
    }

    /**
     * The master's replicas in the topology that answer and follow it (their link, up or down, is the local end of
     * their tunnel to it), each with what it holds. One re-pointed elsewhere holds another master's data.
     */
    public static List<ReplicaState> replicas(ActionContext ctx, Instance master) {
        List<ReplicaState> out = new ArrayList<>();
        for (Instance r : ctx.topology().replicasOf(master)) {
            InstanceSample s = ctx.probe(r);
            s.info().filter(i -> s.ok() && follows(ctx, r, i)).ifPresent(i -> out.add(new ReplicaState(r, i, Keyspace.of(i))));
        }
        return out;
    }

    private static boolean follows(ActionContext ctx, Instance replica, Info info) {
        String loopback = ctx.topology().hostOf(replica).loopback();
        return ctx.topology().replicationTunnel(replica).flatMap(t -> info.masterLink().map(l -> l.host().equals(loopback)
                && l.port().orElse(-1) == t.accept())).orElse(false);
    }

    /**
     * The replica to restore from, chosen as Sentinel chooses one to promote: link up first, then the highest offset
     * (within one replication stream), then the shortest time cut off, then the most keys.
     */
    public static Optional<ReplicaState> best(List<ReplicaState> replicas) {
        return replicas.stream().min(Comparator.comparing(ReplicaState::info, ReplicaChoice.ORDER));
    }

    /** A stopped master: what its files would give it. */
    private static Optional<String> fromFiles(ActionContext ctx, Instance master, ReplicaState best, List<String> facts) {
        InstanceDisk disk = InstanceDisk.read(ctx, master);
        long now = System.currentTimeMillis() / 1000;
        String m = master.ref().toString();
        facts.add(m + "'s file " + disk.configPath() + (disk.configRead() ? "" : " (missing)") + ": save "
                + (disk.saves().isEmpty() ? "\"\"" : disk.saves()) + ", appendonly " + (disk.appendonly() ? "yes" : "no"));
        facts.add(m + "'s RDB " + disk.rdb().path() + (disk.rdb().exists() ? ": " + disk.rdb().size() + " bytes, saved "
                + disk.rdb().age(now) : ": missing"));
        if (disk.appendonly()) {
            InstanceDisk.FileFacts aof = disk.aof().orElseThrow();
            facts.add(m + "'s AOF " + aof.path() + (aof.exists() ? "" : ": missing"));
            // With appendonly yes Redis loads the AOF and never the RDB; an AOF is written as writes come (fsync every
            // second by default). Without one it starts empty, however full the RDB beside it.
            if (aof.exists()) return Optional.empty();
            return Optional.of(m + " would start empty: appendonly is on in its file and its AOF " + aof.path()
                    + " is missing (Redis then ignores the RDB)");
        }
        if (!disk.rdb().exists()) return Optional.of(m + " would start empty: its RDB " + disk.rdb().path() + " is missing");
        if (disk.header().isEmpty()) return Optional.of(m + " would not load its RDB " + disk.rdb().path() + ": it is no RDB file");
        RdbHeader h = disk.header().get();
        if (h.empty()) return Optional.of(m + " would start empty: its RDB " + disk.rdb().path() + " holds no keys");
        Optional<String> fewer = fewerKeys(h, best);
        if (fewer.isPresent()) return Optional.of(m + " would start with " + fewer.get() + " from its RDB saved " + disk.rdb().age(now));
        return behindInStream(h, disk.rdb().mtimeSeconds(), now, best).map(b -> m + " would start from its RDB saved "
                + disk.rdb().age(now) + ", " + b);
    }

    /** The RDB's first database against the replica's: "450 keys in db0". */
    private static Optional<String> fewerKeys(RdbHeader h, ReplicaState best) {
        if (h.firstDbKeys().isEmpty()) return Optional.empty();
        long mine = h.firstDbKeys().getAsLong();
        long theirs = best.keys().keysPerDb().getOrDefault(h.firstDb(), 0L);
        if (!clearlyFewer(mine, theirs)) return Optional.empty();
        return Optional.of(mine + " keys in db" + h.firstDb() + " (" + best.replica().ref() + " has " + theirs + " there)");
    }

    static boolean clearlyFewer(long mine, long theirs) {
        return Keyspace.clearlyFewer(mine, theirs);
    }

    /**
     * Writes the RDB misses though the key counts agree (Bayes learning mostly increments existing hashes): the
     * replica's offset in the same replication stream is past the RDB's by more than the master's PINGs between the
     * save and its end explain.
     */
    private static Optional<String> behindInStream(RdbHeader h, long savedAt, long now, ReplicaState best) {
        if (h.replid().isEmpty() || h.replOffset().isEmpty() || !h.replid().equals(best.info().replid())) return Optional.empty();
        long ahead = best.offset() - h.replOffset().getAsLong();
        long down = best.downSeconds() == Long.MAX_VALUE ? 0 : best.downSeconds();
        long pingsBetween = Math.max(0, now - down - savedAt) / PING_PERIOD_SECONDS + 2;
        if (ahead <= pingsBetween * PING_BYTES + 64) return Optional.empty();
        return Optional.of(ahead + " bytes of writes behind " + best.replica().ref() + " (offset " + h.replOffset().getAsLong()
                + " against " + best.offset() + ")");
    }

    /** A running master: what it holds now, and whether a restart keeps it. */
    private static Optional<String> running(ActionContext ctx, Instance master, ReplicaState best, Change change, List<String> facts) {
        String m = master.ref().toString();
        Info info;
        Map<String, String> config;
        try (Jedis j = ctx.connect(master)) {
            info = org.repcon.probe.InfoParser.parse(j.info());
            try {
                config = j.configGet("save", "appendonly", "dir", "dbfilename");
            } catch (redis.clients.jedis.exceptions.JedisDataException e) {
                config = Map.of(); // CONFIG renamed away: the persistence settings stay unknown
            }
        } catch (JedisException e) {
            throw RepconException.failed(m + ": " + Redis.reason(e), e);
        }
        Keyspace keys = Keyspace.of(info);
        String save = config.getOrDefault("save", "?");
        boolean aof = "yes".equals(config.get("appendonly"));
        long changes = info.longValue("rdb_changes_since_last_save").orElse(0);
        facts.add(m + " holds " + keys.describe() + "; save " + (save.isEmpty() ? "\"\"" : save) + ", appendonly "
                + (aof ? "yes" : "no") + ", " + changes + " changes since its last save");
        if (clearlyFewer(keys.total(), best.keys().total())) {
            return Optional.of(m + " holds only " + keys.describe() + (change == Change.SYNC ? " and would be copied as it is"
                    : " and would come back so"));
        }
        if (change == Change.RESTART) {
            // A restart saves where it runs but loads what its file says: a file that moved the RDB or turned the AOF
            // on (a setup that found drift, a hand edit) is judged as a start from that file.
            InstanceDisk disk = InstanceDisk.read(ctx, master);
            if (!config.isEmpty() && !disk.sameFiles(config.getOrDefault("dir", ""), config.getOrDefault("dbfilename", ""), aof)) {
                facts.add(m + " runs with dir " + config.get("dir") + ", dbfilename " + config.get("dbfilename") + ", appendonly "
                        + (aof ? "yes" : "no") + "; its file says otherwise, and a restart loads what its file says");
                Optional<String> fromFile = fromFiles(ctx, master, best, facts);
                if (fromFile.isPresent()) return Optional.of(fromFile.get() + " after a restart (it saves to another place than it loads from)");
            }
        }
        if (change == Change.RESTART && save.isEmpty() && !aof) {
            // Without save points a shutdown does not save: the instance comes back with whatever its file holds.
            String dir = config.getOrDefault("dir", "");
            String file = (dir.endsWith("/") ? dir : dir + "/") + config.getOrDefault("dbfilename", "dump.rdb");
            InstanceDisk.FileFacts rdb = InstanceDisk.stat(ctx.transport(ctx.topology().hostOf(master)), ctx.topology().hostOf(master),
                    List.of(file)).get(0);
            long now = System.currentTimeMillis() / 1000;
            String comesBack = rdb.exists() ? "from its RDB saved " + rdb.age(now) + ", without the " + changes
                    + " changes since" : "empty: it has no RDB (" + file + ")";
            if (!rdb.exists() || changes > 0) {
                return Optional.of(m + " runs with save \"\" and appendonly no, so a restart does not save it: it would come back "
                        + comesBack);
            }
        }
        return Optional.empty();
    }
}

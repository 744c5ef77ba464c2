package org.repcon.diagnosis;

import static org.repcon.diagnosis.Facts.field;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.repcon.probe.Info;
import org.repcon.probe.InstanceSample;
import org.repcon.probe.Keyspace;
import org.repcon.probe.ReplicaChoice;
import org.repcon.probe.Role;
import org.repcon.topology.Instance;

/**
 * Where data is about to be lost, or was: a master that came back emptier than before or than its replicas, a master
 * with replicas that does not persist, writes that landed on a replica; and the safe fix for a master that is down.
 */
final class DatasetRules {

    /** Redis's default save rules save any change within an hour; past that (and a margin), nothing saves. */
    static final long LONGEST_DEFAULT_SAVE_SECONDS = 3600 + 300;

    private DatasetRules() {}

    static void apply(Facts f, Findings out) {
        for (Instance master : f.topology.instances().filter(i -> !f.topology.replicasOf(i).isEmpty()).toList()) {
            f.info(master).filter(i -> i.role() == Role.MASTER).ifPresent(info -> {
                lost(f, master, info, out);
                notPersisting(f, master, info, out);
            });
            for (Instance replica : f.topology.replicasOf(master)) extraKeys(f, master, replica, out);
        }
    }

    /**
     * The fix for a master that is down: start it only when its replicas hold nothing or its last answered sample
     * showed its data saved (nothing unsaved, or an AOF); otherwise restore it from the replica that holds the most.
     */
    static Suggestion downFix(Facts f, Instance master) {
        Optional<Instance> source = holder(f, master);
        if (source.isEmpty()) return Suggestion.start(master.ref().toString());
        Optional<Info> last = lastAnswered(f, master);
        boolean saved = last.map(i -> i.longValue("aof_enabled").orElse(0) == 1
                || i.longValue("rdb_changes_since_last_save").orElse(1) == 0).orElse(false);
        return saved ? Suggestion.start(master.ref().toString())
                : Suggestion.restore(master.ref().toString(), source.get().ref().toString());
    }

    /** The replica, holding keys, that a restore would take the data from; empty when none holds any. */
    private static Optional<Instance> holder(Facts f, Instance master) {
        return f.topology.replicasOf(master).stream().filter(r -> f.info(r).map(i -> Keyspace.of(i).total() > 0).orElse(false))
                .min(Comparator.comparing(r -> f.info(r).orElseThrow(), ReplicaChoice.ORDER));
    }

    private static Optional<Info> lastAnswered(Facts f, Instance i) {
        List<InstanceSample> samples = f.history(i).samples();
        for (int n = samples.size() - 1; n >= 0; n--) {
            if (samples.get(n).ok() && samples.get(n).info().isPresent()) return samples.get(n).info();
        }
        return Optional.empty();
    }

    private static void lost(Facts f, Instance master, Info info, Findings out) {
        long now = Keyspace.of(info).total();
        List<String> evidence = new ArrayList<>();
        evidence.add(master.ref() + " " + field(info, "run_id") + ", " + Keyspace.of(info).describe());
        // Before: its own sample under another run id (it restarted since).
        Optional<Info> before = previousRun(f, master, info);
        long had = before.map(b -> Keyspace.of(b).total()).orElse(0L);
        boolean emptierThanBefore = before.isPresent() && Keyspace.clearlyFewer(now, had);
        before.filter(b -> emptierThanBefore).ifPresent(b -> evidence.add("before its restart: " + field(b, "run_id") + ", "
                + Keyspace.of(b).describe()));
        // The replicas that still hold more than it: they have not copied it yet.
        List<Instance> holding = new ArrayList<>();
        List<String> wiped = new ArrayList<>();
        for (Instance r : f.topology.replicasOf(master)) {
            Optional<Info> ri = f.info(r);
            if (ri.isEmpty()) continue;
            long keys = Keyspace.of(ri.get()).total();
            // In step with this master (link up, its stream): extra keys there were written to it (extraKeys says so).
            boolean inStep = ReplicaChoice.linkUp(ri.get()) && ri.get().replid().equals(info.replid());
            if (!inStep && Keyspace.clearlyFewer(now, keys)) {
                holding.add(r);
                evidence.add(r.ref() + " holds " + Keyspace.of(ri.get()).describe() + " (master_link_status:"
                        + (ReplicaChoice.linkUp(ri.get()) ? "up" : "down") + ")");
            } else if (emptierThanBefore) {
                OptionalLong max = maxKeys(f, r);
                if (max.isPresent() && Keyspace.clearlyFewer(keys, max.getAsLong())) {
                    wiped.add(r.ref().toString());
                    evidence.add(r.ref() + ": " + max.getAsLong() + " -> " + keys + " keys");
                }
            }
        }
        if (!holding.isEmpty()) {
            Instance source = holding.stream().min(Comparator.comparing(r -> f.info(r).orElseThrow(), ReplicaChoice.ORDER)).orElseThrow();
            out.add(Code.MASTER_DATA_LOST, Severity.CRITICAL, Subject.of(master), master.ref() + " holds " + Keyspace.of(info).describe()
                    + (emptierThanBefore ? " since its restart (it had " + had + ")" : "") + " while " + source.ref() + " holds "
                    + f.info(source).map(i -> Keyspace.of(i).describe()).orElse("more") + ": the replicas will copy the "
                    + (now == 0 ? "empty" : "older") + " dataset at their next full sync",
                    Suggestion.restore(master.ref().toString(), source.ref().toString()), evidence);
        } else if (emptierThanBefore) {
            out.add(Code.MASTER_DATA_LOST, Severity.CRITICAL, Subject.of(master), master.ref() + " came back with " + now
                    + " keys (it had " + had + ")" + (wiped.isEmpty() ? "" : ": replicas wiped (" + String.join(", ", wiped) + ")"),
                    null, evidence);
        }
    }

    /** The newest answered sample of the instance under another run id than now. */
    private static Optional<Info> previousRun(Facts f, Instance i, Info now) {
        Optional<String> run = now.string("run_id");
        if (run.isEmpty()) return Optional.empty();
        List<InstanceSample> samples = f.history(i).samples();
        for (int n = samples.size() - 1; n >= 0; n--) {
            Optional<Info> info = samples.get(n).info();
            if (info.isPresent() && info.get().string("run_id").isPresent() && !info.get().string("run_id").equals(run)) return info;
        }
        return Optional.empty();
    }

    /** The most keys the instance held in its recorded past. */
    private static OptionalLong maxKeys(Facts f, Instance i) {
        return f.history(i).samples().stream().flatMap(s -> s.info().stream()).mapToLong(x -> Keyspace.of(x).total()).max();
    }

    private static void notPersisting(Facts f, Instance master, Info info, Findings out) {
        if (info.longValue("aof_enabled").orElse(1) != 0) return;
        long changes = info.longValue("rdb_changes_since_last_save").orElse(0);
        OptionalLong last = info.longValue("rdb_last_save_time");
        if (changes == 0 || last.isEmpty() || info.flag("rdb_bgsave_in_progress").orElse(false)) return;
        if ("err".equals(info.string("rdb_last_bgsave_status").orElse(""))) return; // rdb-failing says it
        long unsavedSeconds = f.now() / 1000 - last.getAsLong();
        if (unsavedSeconds <= LONGEST_DEFAULT_SAVE_SECONDS) return;
        out.add(Code.MASTER_WITHOUT_PERSISTENCE, Severity.WARNING, Subject.of(master), master.ref() + " has replicas but"
                + " saves nothing: no AOF, and " + changes + " changes unsaved for " + unsavedSeconds / 60 + " min; restarted, it"
                + " would come back without them and its replicas would copy that", null, List.of(field(info, "aof_enabled"),
                field(info, "rdb_changes_since_last_save"), field(info, "rdb_last_save_time")));
    }

    /** A replica in step with its master (same stream, same offset) that holds more keys: written to directly. */
    private static void extraKeys(Facts f, Instance master, Instance replica, Findings out) {
        Optional<Info> ri = f.info(replica);
        Optional<Info> mi = f.info(master);
        if (ri.isEmpty() || mi.isEmpty() || !ReplicaChoice.linkUp(ri.get())) return;
        OptionalLong behind = ri.get().bytesBehind(mi.get());
        if (behind.isEmpty() || behind.getAsLong() != 0) return;
        long mine = Keyspace.of(ri.get()).total();
        long theirs = Keyspace.of(mi.get()).total();
        if (!Keyspace.clearlyFewer(theirs, mine)) return;
        out.add(Code.REPLICA_DIVERGED, Severity.WARNING, Subject.of(replica), replica.ref() + " holds " + (mine - theirs)
                + " keys its master " + master.ref() + " does not have, at the same offset: writes landed on the replica",
                null, List.of(replica.ref() + " " + Keyspace.of(ri.get()).describe() + ", " + field(ri.get(), "slave_repl_offset"),
                        master.ref() + " " + Keyspace.of(mi.get()).describe() + ", " + field(mi.get(), "master_repl_offset"),
                        field(ri.get(), "slave_read_only")));
    }
}

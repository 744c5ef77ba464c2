package org.repcon.diagnosis;

import static org.repcon.diagnosis.Facts.field;

import java.util.ArrayList;
import java.util.List;
import org.repcon.probe.Info;
import org.repcon.probe.InstanceHistory;
import org.repcon.probe.Role;
import org.repcon.topology.Instance;

/**
 * The refusals Rspamd meets while INFO looks healthy: error replies an instance keeps giving, read from its
 * {@code errorstat_*} counters (same INFO round trip) as they rise within the event window. Each finding says
 * what it costs Rspamd: learning fails (writes refused), or classification fails (reads refused).
 */
final class RefusalRules {

    private RefusalRules() {}

    /** Why a master refuses writes, by its error code, in Rspamd's terms. */
    private static final List<Refusal> WRITES = List.of(
            new Refusal("NOREPLICAS", "fewer good replicas than min-replicas-to-write"),
            new Refusal("MISCONF", "its last background save failed and stop-writes-on-bgsave-error is on"),
            new Refusal("OOM", "it is at maxmemory with noeviction"));

    private record Refusal(String code, String why) {}

    static void apply(Facts f, Findings out) {
        long since = f.now() - f.limits.eventWindow().toMillis();
        for (Instance i : f.topology.instances().toList()) {
            f.info(i).ifPresent(info -> {
                InstanceHistory history = f.history(i);
                if (info.role() == Role.MASTER) writesRefused(f, i, info, history, since, out);
                if (info.role() == Role.REPLICA) {
                    readsRefused(f, i, info, history, since, out);
                    writesToReplica(f, i, info, history, since, out);
                }
            });
        }
    }

    private static void writesRefused(Facts f, Instance master, Info info, InstanceHistory history, long since, Findings out) {
        List<String> evidence = new ArrayList<>();
        List<String> why = new ArrayList<>();
        for (Refusal r : WRITES) {
            // An OOM is master-full's to tell, with the memory figures.
            if (r.code().equals("OOM") && out.has(Code.MASTER_FULL, Subject.of(master))) continue;
            long rise = history.errorsRise(r.code(), since);
            if (rise <= 0) continue;
            why.add(r.why());
            evidence.add(rose(f, r.code(), rise, info));
            if (r.code().equals("NOREPLICAS")) {
                evidence.add(field(info, "min_slaves_good_slaves"));
                evidence.add(field(info, "connected_slaves"));
            }
            if (r.code().equals("MISCONF")) evidence.add(field(info, "rdb_last_bgsave_status"));
        }
        if (why.isEmpty()) return;
        out.add(Code.WRITES_REFUSED, Severity.CRITICAL, Subject.of(master), "learning fails: " + master.ref()
                + " refuses writes (" + String.join("; ", why) + ")", minReplicasAsTopology(f, master, info, history, since), evidence);
    }

    /**
     * For NOREPLICAS: min-replicas-to-write back to what the topology says (0 when it says nothing), where the good
     * replicas meet that; a topology asking for more replicas than answer is the replicas' findings' to mend.
     */
    private static Suggestion minReplicasAsTopology(Facts f, Instance master, Info info, InstanceHistory history, long since) {
        if (history.errorsRise("NOREPLICAS", since) <= 0) return null;
        String wanted = master.settings().getOrDefault("min-replicas-to-write", "0");
        long good = info.longValue("min_slaves_good_slaves").orElse(0);
        try {
            return Long.parseLong(wanted) <= good ? Suggestion.set(master.ref().toString(), "min-replicas-to-write", wanted) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void readsRefused(Facts f, Instance replica, Info info, InstanceHistory history, long since, Findings out) {
        long masterDown = history.errorsRise("MASTERDOWN", since);
        long loading = history.errorsRise("LOADING", since);
        if (masterDown <= 0 && loading <= 0) return;
        List<String> evidence = new ArrayList<>();
        List<String> why = new ArrayList<>();
        if (masterDown > 0) {
            why.add("its link is down and replica-serve-stale-data is no");
            evidence.add(rose(f, "MASTERDOWN", masterDown, info));
            evidence.add(field(info, "master_link_status"));
        }
        if (loading > 0) {
            why.add("it is loading its dataset");
            evidence.add(rose(f, "LOADING", loading, info));
            evidence.add(field(info, "loading"));
        }
        out.add(Code.READS_REFUSED, Severity.CRITICAL, Subject.of(replica), "classification fails: " + replica.ref()
                + " refuses reads (" + String.join("; ", why) + ")", null, evidence);
    }

    private static void writesToReplica(Facts f, Instance replica, Info info, InstanceHistory history, long since, Findings out) {
        long readOnly = history.errorsRise("READONLY", since);
        if (readOnly <= 0) return;
        out.add(Code.WRITES_TO_REPLICA, Severity.CRITICAL, Subject.of(replica), "learning fails: something writes to replica "
                + replica.ref() + ", which refuses (READONLY)", null, List.of(rose(f, "READONLY", readOnly, info),
                "Rspamd on " + replica.host() + " must write through its tunnel to the master, read locally"));
    }

    private static String rose(Facts f, String code, long rise, Info info) {
        return "errorstat_" + code + " rose by " + rise + " in the last " + f.window()
                + " (count=" + InstanceHistory.errorCount(info, code) + ")";
    }
}
